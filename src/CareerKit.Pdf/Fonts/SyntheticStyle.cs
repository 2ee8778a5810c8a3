namespace CareerKit.Pdf.Fonts;

/// <summary>
/// A fallback font has one face: bold and italic text in it are drawn by hand, as viewers synthesise them. Bold strokes
/// the glyphs' outlines as well as filling them; italic slants them by 12°. Advances do not change.
/// </summary>
internal static class SyntheticStyle
{
    /// <summary>tan 12°: how far an italic glyph leans per unit of height.</summary>
    public const float Slant = 0.2126f;

    /// <summary>The outline stroke of bold, as a fraction of the font size.</summary>
    public const float BoldStroke = 1 / 30f;

    public static bool Bold(FontFace face, FontStyle style) => face.IsFallback && style is FontStyle.Bold or FontStyle.BoldItalic;

    public static bool Italic(FontFace face, FontStyle style) => face.IsFallback && style is FontStyle.Italic or FontStyle.BoldItalic;
}
