namespace CareerKit.Pdf.Fonts;

/// <summary>
/// The face a stretch of text is drawn in: one of the family's four styles, or a fallback font, by its place in
/// <see cref="FallbackFonts.All"/>. A fallback has one face: bold and italic text in it are synthesised (<see cref="SyntheticStyle"/>).
/// </summary>
internal readonly record struct FontFace(FontStyle Style, int Fallback = -1)
{
    public static FontFace OfFallback(int index) => new(FontStyle.Regular, index);

    public bool IsFallback => Fallback >= 0;

    /// <summary>The font's name in the PDF page resources: F0–F3 for the family, X0… for fallbacks.</summary>
    public string ResourceName => IsFallback ? $"X{Fallback}" : $"F{(int)Style}";
}
