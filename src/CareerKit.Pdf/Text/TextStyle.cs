using CareerKit.Pdf.Fonts;
using SkiaSharp;

namespace CareerKit.Pdf.Text;

public sealed record TextStyle(FontStyle Font, float Size, SKColor Color)
{
    public static readonly TextStyle Body = new(FontStyle.Regular, 10f, new SKColor(0x1B, 0x1F, 0x24));

    public TextStyle Bold() => this with { Font = Font is FontStyle.Italic or FontStyle.BoldItalic ? FontStyle.BoldItalic : FontStyle.Bold };

    public TextStyle Italic() => this with { Font = Font is FontStyle.Bold or FontStyle.BoldItalic ? FontStyle.BoldItalic : FontStyle.Italic };

    public TextStyle WithSize(float size) => this with { Size = size };

    public TextStyle WithColor(SKColor color) => this with { Color = color };
}

/// <summary>A stretch of text in one style, optionally a link.</summary>
public sealed record TextRun(string Text, TextStyle Style, string? Link = null)
{
    private static readonly string[] LinkSchemes = ["http", "https", "mailto"];

    /// <summary>Only http, https and mailto are ever linked; anything else (javascript:, file:) stays plain text.</summary>
    public string? SafeLink => Link is not null
        && Uri.TryCreate(Link, UriKind.Absolute, out var uri)
        && LinkSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase)
        ? uri.AbsoluteUri
        : null;
}
