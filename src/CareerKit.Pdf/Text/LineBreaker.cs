using System.Text.RegularExpressions;
using CareerKit.Pdf.Fonts;

namespace CareerKit.Pdf.Text;

/// <summary>
/// Breaks runs into ragged-right lines: words go on a line while they fit; a word wider than a whole line is
/// broken between glyphs. Words are shaped one at a time, with their spaces, so text extraction sees real spaces.
/// </summary>
internal sealed partial class LineBreaker(FontSet fonts) : IDisposable
{
    private readonly Dictionary<(FontFace, float, FontStyle), SkiaSharp.SKFont> _skiaFonts = [];
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
                    var face = line.LastFace is { } last && fonts.Full(last).Covers(' ') ? last : new FontFace(before.Style.Font);
                    var space = Shape(face, " ");
                    line.PendingSpace(before, face, space, Width(space, before.Style, face, 0, space.Glyphs.Length));
                    continue;
                }

                var word = Word(run.Style, piece.Value);
                var width = 0f;
                foreach (var segment in word)
                {
                    width += segment.Width;
                }

                if (!line.Fits(width, maxWidth) && !line.IsEmpty)
                {
                    lines.Add(line.Finish());
                }

                if (width <= maxWidth || !line.IsEmpty)
                {
                    foreach (var segment in word)
                    {
                        line.Add(run, segment.Face, segment.Text, segment.Shaped, 0, segment.Shaped.Glyphs.Length, segment.Width);
                    }

                    continue;
                }

                // A word longer than a line (or a line of Chinese, written without spaces): as many glyphs as fit,
                // then the next line.
                foreach (var segment in word)
                {
                    var shaped = segment.Shaped;
                    var start = 0;
                    while (start < shaped.Glyphs.Length)
                    {
                        var end = start;
                        while (end < shaped.Glyphs.Length && ((line.IsEmpty && end == start) || line.Width + Width(shaped, run.Style, segment.Face, start, end + 1) <= maxWidth))
                        {
                            end++;
                        }

                        if (end == start)
                        {
                            lines.Add(line.Finish());
                            continue;
                        }

                        line.Add(run, segment.Face, segment.Text, shaped, start, end, Width(shaped, run.Style, segment.Face, start, end));
                        start = end;
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

    /// <summary>A word shaped in the faces that draw it: one stretch in the common case, more where a fallback font draws part.</summary>
    private (FontFace Face, string Text, ShapedText Shaped, float Width)[] Word(TextStyle style, string text)
    {
        // Layout breaks the same paragraph many times (measuring, then drawing, page after page): cut, shape and
        // measure each word once per document.
        var key = (style.Font, style.Size, text);
        if (!_words.TryGetValue(key, out var word))
        {
            word = [.. fonts.Segments(text, style.Font).Select(segment =>
            {
                var part = segment.Start == 0 && segment.Length == text.Length ? text : text.Substring(segment.Start, segment.Length);
                var shaped = Shape(segment.Face, part);
                return (segment.Face, part, shaped, Width(shaped, style, segment.Face, 0, shaped.Glyphs.Length));
            })];
            _words[key] = word;
        }

        return word;
    }

    private readonly Dictionary<(FontStyle, float, string), (FontFace Face, string Text, ShapedText Shaped, float Width)[]> _words = [];

    /// <summary>The width of one line holding all the runs: what a right-aligned part of a row needs.</summary>
    public float NaturalWidth(IReadOnlyList<TextRun> runs) => Break(runs, float.MaxValue).Select(line => line.Width).DefaultIfEmpty(0).Max();

    public float LineHeight(TextStyle style) => style.Size * LineSpacing;

    public float Ascent(TextStyle style)
    {
        if (!_ascents.TryGetValue((style.Font, style.Size), out var ascent))
        {
            ascent = -SkiaFont(new FontFace(style.Font), style.Size).Metrics.Ascent;
            _ascents[(style.Font, style.Size)] = ascent;
        }

        return ascent;
    }

    private readonly Dictionary<(FontStyle, float), float> _ascents = [];

    internal LoadedFont Font(FontFace face) => fonts[face];

    /// <summary>
    /// One Skia font per face, size and style for the whole document, rather than one per piece of text; a fallback
    /// face draws bold and italic as the PDF does (<see cref="SyntheticStyle"/>).
    /// </summary>
    internal SkiaSharp.SKFont SkiaFont(FontFace face, float size, FontStyle style = FontStyle.Regular)
    {
        if (!_skiaFonts.TryGetValue((face, size, style), out var font))
        {
            font = new SkiaSharp.SKFont(fonts[face].Typeface, size)
            {
                Subpixel = true,
                Edging = SkiaSharp.SKFontEdging.Antialias,
                Embolden = SyntheticStyle.Bold(face, style),
                SkewX = SyntheticStyle.Italic(face, style) ? -SyntheticStyle.Slant : 0,
            };
            _skiaFonts[(face, size, style)] = font;
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

    private ShapedText Shape(FontFace face, string text) => fonts[face].Shape(text);

    private float Width(ShapedText shaped, TextStyle style, FontFace face, int start, int end)
    {
        var units = 0;
        for (var i = start; i < end; i++)
        {
            units += shaped.Advances[i];
        }

        return units * style.Size / fonts[face].UnitsPerEm;
    }

    [GeneratedRegex(@"\s+|[^\s]+")]
    private static partial Regex Pieces();

    /// <summary>Collects fragments for the line being filled.</summary>
    private sealed class LineBuilder(LineBreaker breaker)
    {
        private TextLine _line = new();
        private (TextRun Run, FontFace Face, ShapedText Shaped, float Width)? _space;

        public bool IsEmpty => _line.Fragments.Count == 0;

        public float Width => _line.Width;

        /// <summary>The run of the last word on the line, if any.</summary>
        public TextRun? LastRun { get; private set; }

        /// <summary>
        /// The face of the last word on the line, if any: a space after Chinese or Hindi is drawn in the same fallback
        /// font, so the line stays one text operation.
        /// </summary>
        public FontFace? LastFace { get; private set; }

        public bool Fits(float width, float maxWidth) => _line.Width + (_space?.Width ?? 0) + width <= maxWidth;

        public void PendingSpace(TextRun run, FontFace face, ShapedText shaped, float width)
        {
            if (!IsEmpty)
            {
                _space = (run, face, shaped, width); // Spaces at the start of a line are dropped.
            }
        }

        public void Add(TextRun run, FontFace face, string text, ShapedText shaped, int start, int end, float width)
        {
            if (_space is { } space)
            {
                Append(space.Run, space.Face, " ", space.Shaped, 0, space.Shaped.Glyphs.Length);
                _space = null;
            }

            Append(run, face, text, shaped, start, end);
            LastRun = run;
            LastFace = face;
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
            LastFace = null;
            return finished;
        }

        private void Append(TextRun run, FontFace face, string text, ShapedText shaped, int start, int end)
        {
            var link = run.SafeLink;
            var last = _line.Fragments.Count > 0 ? _line.Fragments[^1] : null;
            var fragment = last is not null && last.Style == run.Style && last.Face == face && last.Link == link ? last : AddFragment(run.Style, face, link);
            fragment.NeedsActualText |= !shaped.ReadsBack && fragment.Text is not null;
            var scale = run.Style.Size / breaker.Font(face).UnitsPerEm;
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

        private LineFragment AddFragment(TextStyle style, FontFace face, string? link)
        {
            var fragment = new LineFragment(style, face, link, _line.Width);
            _line.Fragments.Add(fragment);
            return fragment;
        }
    }
}
