using CareerKit.Pdf.Fonts;

namespace CareerKit.Functions.Tests.Resumes;

/// <summary>
/// The build copies every fallback font the renderer tries, with its package's licence, into fonts/fallback beside the
/// app: the csproj's list and <see cref="FallbackFonts.All"/> are the same list.
/// </summary>
public sealed class FallbackFontFilesTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "fonts", "fallback");

    [Fact]
    public void Every_fallback_font_the_renderer_tries_is_copied_beside_the_app_and_nothing_else()
    {
        var copied = Directory.GetFiles(Folder, "*.ttf").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(FallbackFonts.All.Select(font => font.File).Order(StringComparer.Ordinal), copied);
    }

    [Fact]
    public void Each_fallback_package_licence_travels_with_its_fonts()
    {
        foreach (var package in FallbackFonts.All.Select(font => font.Package).Distinct())
        {
            var licence = Path.Combine(Folder, "licences", $"{package}.copyright");
            Assert.True(File.Exists(licence), $"{licence} is missing");
            Assert.Contains("License", File.ReadAllText(licence), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void The_renderer_finds_the_fallbacks_beside_the_app_before_Debian_s_folders()
    {
        using var library = FontLibrary.DejaVuSans(Path.Combine(AppContext.BaseDirectory, "fonts"));

        Assert.All(library.FallbackPaths, path => Assert.Equal(Folder, Path.GetDirectoryName(path)));
    }
}
