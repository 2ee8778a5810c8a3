namespace CareerKit.Pdf.Fonts;

/// <summary>
/// Fonts for the characters DejaVu Sans lacks, tried in this order: the Indic scripts and Thai, then Chinese and
/// Japanese, then Korean, then emoji and symbols. They come from Debian packages (<c>.ci/run</c> installs them; the build copies
/// them to <c>fonts/fallback</c>, so a published app carries them). A fallback that is not there is skipped, and the
/// characters only it has are reported as missing, as before.
/// </summary>
public static class FallbackFonts
{
    private const string Noto = "/usr/share/fonts/truetype/noto";

    /// <summary>A fallback font: its file, the Debian folder that holds it, and the package that installs it there.</summary>
    public sealed record FallbackFont(string File, string DebianFolder, string Package);

    public static readonly IReadOnlyList<FallbackFont> All =
    [
        .. new[] { "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala", "Thai" }
            .Select(script => new FallbackFont($"NotoSans{script}-Regular.ttf", Noto, "fonts-noto-core")),
        new("DroidSansFallbackFull.ttf", "/usr/share/fonts/truetype/droid", "fonts-droid-fallback"),
        new("NanumGothic.ttf", "/usr/share/fonts/truetype/nanum", "fonts-nanum"), // Debian's Droid fallback has no Hangul.
        new("Symbola_hint.ttf", "/usr/share/fonts/truetype/ancient-scripts", "fonts-symbola"),
    ];

    /// <summary>
    /// Each fallback's path, in order: in <paramref name="folder"/> if it is there (a published app), else in its Debian
    /// folder; null where neither has it.
    /// </summary>
    public static IReadOnlyList<string?> Find(string folder) =>
        All.Select(font => new[] { Path.Combine(folder, font.File), Path.Combine(font.DebianFolder, font.File) }.FirstOrDefault(File.Exists)).ToList();
}
