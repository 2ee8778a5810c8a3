using System.Globalization;
using System.Text;

namespace CareerKit.Pdf.Document.Pdf;

/// <summary>How values are spelled in a PDF file: numbers, strings, dates (ISO 32000-1, 7.3).</summary>
internal static class PdfSyntax
{
    /// <summary>A number with at most three decimals and no exponent: "12", "0.5", "-3.125".</summary>
    public static StringBuilder Number(this StringBuilder builder, double value)
    {
        var rounded = Math.Round(value, 3);
        return builder.Append(CultureInfo.InvariantCulture, $"{(rounded == 0 ? 0 : rounded):0.###}");
    }

    /// <summary>An RGB fill colour operator.</summary>
    public static StringBuilder FillColor(this StringBuilder builder, SkiaSharp.SKColor color) =>
        builder.Number(color.Red / 255.0).Append(' ').Number(color.Green / 255.0).Append(' ').Number(color.Blue / 255.0).Append(" rg\n");

    /// <summary>
    /// A text string (titles, link descriptions): a literal string when it is printable ASCII, otherwise UTF-16BE
    /// with a byte-order mark, which every reader decodes.
    /// </summary>
    public static StringBuilder TextString(this StringBuilder builder, string text)
    {
        if (text.All(c => c is >= ' ' and <= '~'))
        {
            return builder.Literal(text);
        }

        builder.Append("<FEFF");
        foreach (var c in text)
        {
            builder.Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }

        return builder.Append('>');
    }

    /// <summary>An ASCII string (a URI): other characters are percent-encoded as UTF-8, as URIs are.</summary>
    public static StringBuilder AsciiString(this StringBuilder builder, string text)
    {
        var ascii = new StringBuilder(text.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is >= ' ' and <= '~')
            {
                ascii.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                ascii.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.Literal(ascii.ToString());
    }

    public static StringBuilder Date(this StringBuilder builder, DateTime date) =>
        builder.Append(CultureInfo.InvariantCulture, $"(D:{date.ToUniversalTime():yyyyMMddHHmmss}Z)");

    public static StringBuilder Reference(this StringBuilder builder, int objectNumber) => builder.Append(objectNumber).Append(" 0 R");

    private static StringBuilder Literal(this StringBuilder builder, string text)
    {
        builder.Append('(');
        foreach (var c in text)
        {
            if (c is '(' or ')' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append(')');
    }
}
