using System.Globalization;
using System.Text;
using CareerKit.Pdf.Fonts;
using SkiaSharp;

namespace CareerKit.Pdf.Document.Pdf;

/// <summary>
/// A subset TrueType font as a PDF embeds it: a Type0 font over a CIDFontType2 whose CIDs are the subset's glyph ids
/// (Identity-H), the HarfBuzz subset as FontFile2, every glyph's width (/W) and a ToUnicode map from glyphs back to
/// characters, so that every extractor reads the text. Built once per subset and reused by every render.
/// </summary>
internal sealed class PdfFontProgram
{
    private PdfFontProgram(string baseFont, byte[] fontFile, int length1, string widths, byte[] toUnicode, string descriptor)
    {
        BaseFont = baseFont;
        FontFile = fontFile;
        Length1 = length1;
        Widths = widths;
        ToUnicode = toUnicode;
        Descriptor = descriptor;
    }

    /// <summary>"ABCDEF+DejaVuSans-Bold": a subset's name carries a tag that differs between subsets.</summary>
    public string BaseFont { get; }

    /// <summary>The compressed font file and its uncompressed length.</summary>
    public byte[] FontFile { get; }
    public int Length1 { get; }

    /// <summary>The /W array: every glyph's advance in thousandths of an em.</summary>
    public string Widths { get; }

    /// <summary>The compressed ToUnicode CMap.</summary>
    public byte[] ToUnicode { get; }

    /// <summary>The font descriptor's entries other than /FontName and /FontFile2.</summary>
    public string Descriptor { get; }

    /// <summary>A glyph's width in thousandths of an em, as the /W array gives it.</summary>
    public double Width(ushort glyph) => glyph < _widths.Length ? _widths[glyph] : 0;

    private double[] _widths = [];

    public static PdfFontProgram Build(LoadedFont font)
    {
        var unitsPerEm = (double)font.UnitsPerEm;
        var widths = new double[font.GlyphCount];
        var w = new StringBuilder("[0[");
        for (var glyph = 0; glyph < widths.Length; glyph++)
        {
            widths[glyph] = Math.Round(font.Advance((ushort)glyph) * 1000 / unitsPerEm, 3);
            w.Number(widths[glyph]).Append(glyph + 1 < widths.Length ? " " : "");
        }

        return new PdfFontProgram(
            $"{Tag(font)}+{PostScriptName(font.Typeface)}",
            PdfFile.Compress(font.Data, System.IO.Compression.CompressionLevel.SmallestSize),
            font.Data.Length,
            w.Append("]]").ToString(),
            PdfFile.Compress(Encoding.ASCII.GetBytes(ToUnicodeMap(font)), System.IO.Compression.CompressionLevel.SmallestSize),
            DescriptorEntries(font.Typeface))
        {
            _widths = widths,
        };
    }

    /// <summary>Each glyph back to its character; where two characters share a glyph, the lower one (a space, not a no-break space).</summary>
    private static string ToUnicodeMap(LoadedFont font)
    {
        var characters = new SortedDictionary<ushort, int>();
        foreach (var codePoint in font.CodePoints.Order())
        {
            var glyph = font.GlyphOf(codePoint);
            if (glyph != 0)
            {
                characters.TryAdd(glyph, codePoint);
            }
        }

        var map = new StringBuilder("/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n")
            .Append("/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n")
            .Append("1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n");
        foreach (var chunk in characters.Chunk(100))
        {
            map.Append(chunk.Length).Append(" beginbfchar\n");
            foreach (var (glyph, codePoint) in chunk)
            {
                map.Append('<').Append(glyph.ToString("X4", CultureInfo.InvariantCulture)).Append("><");
                foreach (var unit in char.ConvertFromUtf32(codePoint))
                {
                    map.Append(((int)unit).ToString("X4", CultureInfo.InvariantCulture));
                }

                map.Append(">\n");
            }

            map.Append("endbfchar\n");
        }

        return map.Append("endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n").ToString();
    }

    private static string DescriptorEntries(SKTypeface typeface)
    {
        using var font = new SKFont(typeface, 1000);
        var metrics = font.Metrics;
        var italicAngle = ItalicAngle(typeface);
        var flags = 32 | (italicAngle != 0 ? 64 : 0); // Nonsymbolic, and Italic when slanted.
        var capHeight = metrics.CapHeight > 0 ? metrics.CapHeight : -metrics.Ascent;
        return new StringBuilder("/Flags ").Append(flags)
            .Append("/FontBBox[").Number(metrics.XMin).Append(' ').Number(-metrics.Bottom).Append(' ').Number(metrics.XMax).Append(' ').Number(-metrics.Top).Append(']')
            .Append("/ItalicAngle ").Number(italicAngle)
            .Append("/Ascent ").Number(-metrics.Ascent)
            .Append("/Descent ").Number(-metrics.Descent)
            .Append("/CapHeight ").Number(capHeight)
            .Append("/StemV ").Append(typeface.FontWeight >= 600 ? 120 : 80) // Not in TrueType files; readers use it only as a hint.
            .ToString();
    }

    /// <summary>The 'post' table's italic angle (16.16 fixed point, at offset 4).</summary>
    private static double ItalicAngle(SKTypeface typeface)
    {
        const uint post = 0x706F7374;
        if (!typeface.TryGetTableData(post, out var table) || table.Length < 8)
        {
            return 0;
        }

        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(table.AsSpan(4)) / 65536.0;
    }

    private static string PostScriptName(SKTypeface typeface)
    {
        var family = new string(typeface.FamilyName.Where(char.IsAsciiLetterOrDigit).ToArray());
        var bold = typeface.FontWeight >= 600;
        var italic = typeface.FontSlant != SKFontStyleSlant.Upright;
        return (bold, italic) switch
        {
            (true, true) => $"{family}-BoldItalic",
            (true, false) => $"{family}-Bold",
            (false, true) => $"{family}-Italic",
            _ => family,
        };
    }

    /// <summary>Six capital letters from the subset's characters: the same subset always gets the same tag.</summary>
    private static string Tag(LoadedFont font)
    {
        var hash = 2166136261u;
        foreach (var codePoint in font.CodePoints)
        {
            hash = (hash ^ (uint)codePoint) * 16777619;
        }

        hash = (hash ^ (uint)font.Data.Length) * 16777619;
        var tag = new char[6];
        for (var i = 0; i < tag.Length; i++)
        {
            tag[i] = (char)('A' + (hash % 26));
            hash /= 26;
        }

        return new string(tag);
    }
}
