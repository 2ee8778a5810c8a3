namespace CareerKit.Pdf.Fonts;

public enum FontStyle
{
    Regular,
    Bold,
    Italic,
    BoldItalic,
}
