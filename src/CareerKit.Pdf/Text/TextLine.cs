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

/// <summary>Glyphs of one run in one face on one line. Positions are relative to the fragment's left edge.</summary>
internal sealed class LineFragment(TextStyle style, Fonts.FontFace face, string? link, float x)
{
    public TextStyle Style { get; } = style;

    /// <summary>The face the glyphs are from: the style's own, or a fallback for characters the family lacks.</summary>
    public Fonts.FontFace Face { get; } = face;
    public string? Link { get; } = link;
    public float X { get; } = x;
    public List<ushort> Glyphs { get; } = [];
    public List<SKPoint> Positions { get; } = [];
    public float Width { get; set; }

    /// <summary>
    /// The characters the glyphs stand for, kept for a link (the annotation's description) and in a fallback face
    /// (where shaping may join or reorder glyphs).
    /// </summary>
    public System.Text.StringBuilder? Text { get; } = link is null && !face.IsFallback ? null : new();

    /// <summary>True when the glyphs do not read back as <see cref="Text"/>: the PDF gives the text as ActualText.</summary>
    public bool NeedsActualText { get; set; }
}
