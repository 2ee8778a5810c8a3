using SkiaSharp;

namespace CareerKit.Pdf.Text;

/// <summary>One laid-out line: fragments of glyphs, each in one style, placed left to right.</summary>
internal sealed class TextLine
{
    public List<LineFragment> Fragments { get; } = [];
    public float Width { get; set; }
    public float Height { get; set; }

    /// <summary>Distance from the top of the line to the baseline.</summary>
    public float Baseline { get; set; }
}

/// <summary>Glyphs of one run on one line. Positions are relative to the fragment's left edge.</summary>
internal sealed class LineFragment(TextStyle style, string? link, float x)
{
    public TextStyle Style { get; } = style;
    public string? Link { get; } = link;
    public float X { get; } = x;
    public List<ushort> Glyphs { get; } = [];
    public List<SKPoint> Positions { get; } = [];
    public float Width { get; set; }

    /// <summary>For a link, the characters its glyphs stand for: the link annotation's description.</summary>
    public System.Text.StringBuilder? Text { get; } = link is null ? null : new();
}
