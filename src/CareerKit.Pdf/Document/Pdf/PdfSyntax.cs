using System.Globalization;
using System.Text;

namespace CareerKit.Pdf.Document.Pdf;

/// <summary>How values are spelled in a PDF file: numbers, strings, dates (ISO 32000-1, 7.3).</summary>
internal static class PdfSyntax
{
    /// <summary>A number with at most three decimals and no exponent: "12", "0.5", "-3.125". Written digit by digit: a content stream has thousands.</summary>
    public static StringBuilder Number(this StringBuilder builder, double value)
    {
        var thousandths = (long)Math.Round(value * 1000, MidpointRounding.AwayFromZero);
        if (thousandths < 0)
        {
            builder.Append('-');
            thousandths = -thousandths;
        }

        builder.Append(thousandths / 1000);
        var fraction = (int)(thousandths % 1000);
        if (fraction != 0)
        {
            builder.Append('.').Append((char)('0' + (fraction / 100)));
            if (fraction % 100 != 0)
            {
                builder.Append((char)('0' + (fraction / 10 % 10)));
                if (fraction % 10 != 0)
                {
                    builder.Append((char)('0' + (fraction % 10)));
                }
            }
        }

        return builder;
    }

    /// <summary>A glyph id as four hex digits, as a two-byte code of an Identity-H font.</summary>
    public static StringBuilder Hex4(this StringBuilder builder, int value)
    {
        const string digits = "0123456789ABCDEF";
        return builder.Append(digits[(value >> 12) & 0xF]).Append(digits[(value >> 8) & 0xF]).Append(digits[(value >> 4) & 0xF]).Append(digits[value & 0xF]);
    }

    /// <summary>An RGB fill colour operator.</summary>
    public static StringBuilder FillColor(this StringBuilder builder, SkiaSharp.SKColor color) =>
        builder.Number(color.Red / 255.0).Append(' ').Number(color.Green / 255.0).Append(' ').Number(color.Blue / 255.0).Append(" rg\n");

    public static StringBuilder StrokeColor(this StringBuilder builder, SkiaSharp.SKColor color) =>
        builder.Number(color.Red / 255.0).Append(' ').Number(color.Green / 255.0).Append(' ').Number(color.Blue / 255.0).Append(" RG\n");

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
