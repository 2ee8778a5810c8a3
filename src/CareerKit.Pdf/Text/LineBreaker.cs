using System.Text.RegularExpressions;
using CareerKit.Pdf.Fonts;

namespace CareerKit.Pdf.Text;

/// <summary>
/// Breaks runs into ragged-right lines: words go on a line while they fit; a word wider than a whole line is
/// broken between glyphs. Words are shaped one at a time, with their spaces, so text extraction sees real spaces.
/// </summary>
internal sealed partial class LineBreaker(FontSet fonts) : IDisposable
{
    private readonly Dictionary<(FontStyle, float), SkiaSharp.SKFont> _skiaFonts = [];
    private readonly Dictionary<SkiaSharp.SKColor, SkiaSharp.SKPaint> _paints = [];

    public const float LineSpacing = 1.3f;

    public List<TextLine> Break(IReadOnlyList<TextRun> runs, float maxWidth)
    {
        var lines = new List<TextLine>();
        var line = new LineBuilder(this);
        foreach (var run in runs)
        {
            foreach (Match piece in Pieces().Matches(run.Text))
            {
                if (char.IsWhiteSpace(piece.Value[0]))
                {
                    // A space between runs ends the run before it: extractors drop a text operation's leading
                    // spaces, and "raft-lab" + " https://…" would come back as "raft-labhttps://…".
                    var before = line.LastRun ?? run;
                    var space = Shape(before.Style.Font, " ");
                    line.PendingSpace(before, space, Width(space, before.Style, 0, space.Glyphs.Length));
                    continue;
                }

                var shaped = Shape(run.Style.Font, piece.Value);
                var width = Width(shaped, run.Style, 0, shaped.Glyphs.Length);

                if (!line.Fits(width, maxWidth) && !line.IsEmpty)
                {
                    lines.Add(line.Finish());
                }

                if (width <= maxWidth || !line.IsEmpty)
                {
                    line.Add(run, piece.Value, shaped, 0, shaped.Glyphs.Length, width);
                    continue;
                }

                // A word longer than a line: as many glyphs as fit, then the next line.
                var start = 0;
                while (start < shaped.Glyphs.Length)
                {
                    var end = start + 1;
                    while (end < shaped.Glyphs.Length && Width(shaped, run.Style, start, end + 1) <= maxWidth)
                    {
                        end++;
                    }

                    line.Add(run, piece.Value, shaped, start, end, Width(shaped, run.Style, start, end));
                    start = end;
                    if (start < shaped.Glyphs.Length)
                    {
                        lines.Add(line.Finish());
                    }
                }
            }
        }

        if (!line.IsEmpty)
        {
            lines.Add(line.Finish());
        }

        return lines;
    }

    /// <summary>The width of one line holding all the runs: what a right-aligned part of a row needs.</summary>
    public float NaturalWidth(IReadOnlyList<TextRun> runs) => Break(runs, float.MaxValue).Select(line => line.Width).DefaultIfEmpty(0).Max();

    public float LineHeight(TextStyle style) => style.Size * LineSpacing;

    public float Ascent(TextStyle style)
    {
        if (!_ascents.TryGetValue((style.Font, style.Size), out var ascent))
        {
            ascent = -SkiaFont(style).Metrics.Ascent;
            _ascents[(style.Font, style.Size)] = ascent;
        }

        return ascent;
    }

    private readonly Dictionary<(FontStyle, float), float> _ascents = [];

    internal LoadedFont Font(FontStyle style) => fonts[style];

    /// <summary>One Skia font per face and size for the whole document, rather than one per piece of text.</summary>
    internal SkiaSharp.SKFont SkiaFont(TextStyle style)
    {
        if (!_skiaFonts.TryGetValue((style.Font, style.Size), out var font))
        {
            font = new SkiaSharp.SKFont(fonts[style.Font].Typeface, style.Size) { Subpixel = true, Edging = SkiaSharp.SKFontEdging.Antialias };
            _skiaFonts[(style.Font, style.Size)] = font;
        }

        return font;
    }

    internal SkiaSharp.SKPaint Paint(SkiaSharp.SKColor color)
    {
        if (!_paints.TryGetValue(color, out var paint))
        {
            paint = new SkiaSharp.SKPaint { Color = color, IsAntialias = true };
            _paints[color] = paint;
        }

        return paint;
    }

    public void Dispose()
    {
        foreach (var font in _skiaFonts.Values)
        {
            font.Dispose();
        }

        foreach (var paint in _paints.Values)
        {
            paint.Dispose();
        }
    }

    private ShapedText Shape(FontStyle style, string text) => fonts[style].Shape(text);

    private float Width(ShapedText shaped, TextStyle style, int start, int end)
    {
        var units = 0;
        for (var i = start; i < end; i++)
        {
            units += shaped.Advances[i];
        }

        return units * style.Size / fonts[style.Font].UnitsPerEm;
    }

    [GeneratedRegex(@"\s+|[^\s]+")]
    private static partial Regex Pieces();

    /// <summary>Collects fragments for the line being filled.</summary>
    private sealed class LineBuilder(LineBreaker breaker)
    {
        private TextLine _line = new();
        private (TextRun Run, ShapedText Shaped, float Width)? _space;

        public bool IsEmpty => _line.Fragments.Count == 0;

        /// <summary>The run of the last word on the line, if any.</summary>
        public TextRun? LastRun { get; private set; }

        public bool Fits(float width, float maxWidth) => _line.Width + (_space?.Width ?? 0) + width <= maxWidth;

        public void PendingSpace(TextRun run, ShapedText shaped, float width)
        {
            if (!IsEmpty)
            {
                _space = (run, shaped, width); // Spaces at the start of a line are dropped.
            }
        }

        public void Add(TextRun run, string text, ShapedText shaped, int start, int end, float width)
        {
            if (_space is { } space)
            {
                Append(space.Run, " ", space.Shaped, 0, space.Shaped.Glyphs.Length);
                _space = null;
            }

            Append(run, text, shaped, start, end);
            LastRun = run;
        }

        public TextLine Finish()
        {
            var finished = _line;
            finished.Height = finished.Fragments.Max(fragment => breaker.LineHeight(fragment.Style));
            var ascent = finished.Fragments.Max(fragment => breaker.Ascent(fragment.Style));
            var largest = finished.Fragments.Max(fragment => fragment.Style.Size);
            // Centre the largest font's em box in the line height.
            finished.Baseline = ((finished.Height - largest) / 2) + ascent;
            _line = new TextLine();
            _space = null;
            LastRun = null;
            return finished;
        }

        private void Append(TextRun run, string text, ShapedText shaped, int start, int end)
        {
            var link = run.SafeLink;
            var fragment = _line.Fragments.Count > 0 && _line.Fragments[^1].Style == run.Style && _line.Fragments[^1].Link == link
                ? _line.Fragments[^1]
                : AddFragment(run.Style, link);
            var scale = run.Style.Size / breaker.Font(run.Style.Font).UnitsPerEm;
            for (var i = start; i < end; i++)
            {
                fragment.Glyphs.Add(shaped.Glyphs[i]);
                fragment.Positions.Add(new SkiaSharp.SKPoint(fragment.Width + (shaped.Offsets[i].X * scale), shaped.Offsets[i].Y * scale));
                fragment.Width += shaped.Advances[i] * scale;
            }

            if (fragment.Text is not null && end > start)
            {
                var from = shaped.Clusters[start];
                var to = end < shaped.Clusters.Length ? shaped.Clusters[end] : text.Length;
                fragment.Text.Append(text, from, Math.Max(0, to - from));
            }

            _line.Width = fragment.X + fragment.Width;
        }

        private LineFragment AddFragment(TextStyle style, string? link)
        {
            var fragment = new LineFragment(style, link, _line.Width);
            _line.Fragments.Add(fragment);
            return fragment;
        }
    }
}
