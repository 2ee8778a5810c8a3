using CareerKit.Pdf.Fonts;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Pdf.Tests;

/// <summary>DejaVu Sans from the npm package, loaded once for all tests. Missing fonts fail the run.</summary>
internal static class Fonts
{
    private static readonly Lazy<FontLibrary> Library = new(() =>
        FontLibrary.DejaVuSans(Path.Combine(RepositoryRootAttribute.Value, "node_modules", "dejavu-fonts-ttf", "ttf")));

    public static FontLibrary DejaVu => Library.Value;
}
