using System.Runtime.InteropServices;
using SkiaSharp;
using HarfBuzzFont = HarfBuzzSharp.Font;

namespace CareerKit.Pdf.Fonts;

/// <summary>One font file held both ways: as a Skia typeface to draw with and a HarfBuzz font to shape with.</summary>
internal sealed class LoadedFont : IDisposable
{
    // No ligatures: applicant-tracking systems must extract "fi", not "ﬁ". No kerning: the PDF backend starts a new
    // text-show operation wherever a glyph is not at its default advance, and parsers then split words ("V asquez").
    private static readonly HarfBuzzSharp.Feature[] Features =
        [HarfBuzzSharp.Feature.Parse("-liga"), HarfBuzzSharp.Feature.Parse("-clig"), HarfBuzzSharp.Feature.Parse("-kern")];
    private readonly GCHandle _pinned;
    private readonly HarfBuzzSharp.Blob _blob;
    private readonly HarfBuzzSharp.Face _face;
    private readonly HarfBuzzFont _font;

    /// <param name="codePoints">For a subset: the characters it was cut to, which the PDF's ToUnicode map lists.</param>
    public LoadedFont(byte[] data, IReadOnlyCollection<int>? codePoints = null)
    {
        Data = data;
        CodePoints = codePoints ?? [];
        _pinned = GCHandle.Alloc(data, GCHandleType.Pinned);
        _blob = new HarfBuzzSharp.Blob(_pinned.AddrOfPinnedObject(), data.Length, HarfBuzzSharp.MemoryMode.ReadOnly);
        _face = new HarfBuzzSharp.Face(_blob, 0);
        _font = new HarfBuzzFont(_face);
        UnitsPerEm = _face.UnitsPerEm;
        _font.SetScale(UnitsPerEm, UnitsPerEm);
        Typeface = SKTypeface.FromData(SKData.CreateCopy(data)) ?? throw new InvalidOperationException("Skia could not load the font.");
    }

    public byte[] Data { get; }
    public SKTypeface Typeface { get; }
    public int UnitsPerEm { get; }
    public IReadOnlyCollection<int> CodePoints { get; }
    public int GlyphCount => _face.GlyphCount;

    public bool Covers(int codePoint)
    {
        if (codePoint >= 0x10000)
        {
            return _font.TryGetGlyph((uint)codePoint, out var glyph) && glyph != 0;
        }

        // Every character of every render asks, some twice (preparing, then laying out): remember the answers.
        var coverage = _coverage ??= new byte[0x10000];
        var known = coverage[codePoint];
        if (known == 0)
        {
            known = _font.TryGetGlyph((uint)codePoint, out var glyph) && glyph != 0 ? Covered : NotCovered;
            coverage[codePoint] = known;
        }

        return known == Covered;
    }

    private const byte Covered = 1;
    private const byte NotCovered = 2;
    private byte[]? _coverage; // One byte per character of the Basic Multilingual Plane, once asked.

    /// <summary>The glyph for a character, or 0 (the missing glyph).</summary>
    public ushort GlyphOf(int codePoint) => _font.TryGetGlyph((uint)codePoint, out var glyph) ? (ushort)glyph : (ushort)0;

    /// <summary>A glyph's advance in font units.</summary>
    public int Advance(ushort glyph) => _font.GetHorizontalGlyphAdvance(glyph);

    /// <summary>
    /// The font as a PDF embeds it (compressed program, widths, ToUnicode map), built once per subset: the same
    /// resume rendered again reuses it.
    /// </summary>
    public Document.Pdf.PdfFontProgram PdfProgram => _pdfProgram ??= Document.Pdf.PdfFontProgram.Build(this);

    private Document.Pdf.PdfFontProgram? _pdfProgram;

    /// <summary>Glyphs and their positions, in font units, for a piece of text in one direction.</summary>
    public ShapedText Shape(string text)
    {
        if (_shaped.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var shaped = ShapeUncached(text);
        if (_shaped.Count < MaxShapedEntries)
        {
            _shaped.TryAdd(text, shaped);
        }

        return shaped;
    }

    // Words repeat across renders of the same font subset; shaping them again is wasted work.
    private const int MaxShapedEntries = 50_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ShapedText> _shaped = new(StringComparer.Ordinal);

    private ShapedText ShapeUncached(string text)
    {
        using var buffer = new HarfBuzzSharp.Buffer();
        buffer.AddUtf16(text);
        buffer.GuessSegmentProperties();
        _font.Shape(buffer, Features);
        var infos = buffer.GlyphInfos;
        var positions = buffer.GlyphPositions;
        var glyphs = new ushort[infos.Length];
        var advances = new int[infos.Length];
        var offsets = new SKPoint[infos.Length];
        var clusters = new int[infos.Length];
        for (var i = 0; i < infos.Length; i++)
        {
            glyphs[i] = (ushort)infos[i].Codepoint;
            clusters[i] = (int)infos[i].Cluster;
            advances[i] = positions[i].XAdvance;
            offsets[i] = new SKPoint(positions[i].XOffset, -positions[i].YOffset);
        }

        return new ShapedText(glyphs, advances, offsets, clusters, ReadsBack(text, glyphs));
    }

    /// <summary>
    /// Whether the glyphs are the text's characters one for one, in order: then the ToUnicode map gives the text back.
    /// Not so for a Devanagari conjunct or a vowel sign drawn before its consonant.
    /// </summary>
    private bool ReadsBack(string text, ushort[] glyphs)
    {
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (index >= glyphs.Length || glyphs[index] != GlyphOf(rune.Value))
            {
                return false;
            }

            index++;
        }

        return index == glyphs.Length;
    }

    public void Dispose()
    {
        Typeface.Dispose();
        _font.Dispose();
        _face.Dispose();
        _blob.Dispose();
        _pinned.Free();
    }
}

/// <summary>
/// A shaped piece of text: per glyph its id, advance and offset (font units) and source index; and whether the glyphs
/// read back as the text through the font's character map (else the PDF says what they stand for).
/// </summary>
internal sealed record ShapedText(ushort[] Glyphs, int[] Advances, SKPoint[] Offsets, int[] Clusters, bool ReadsBack);
