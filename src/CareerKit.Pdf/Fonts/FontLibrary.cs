namespace CareerKit.Pdf.Fonts;

/// <summary>
/// The four faces of one family, read once from a folder of .ttf files and shared by every render.
/// Fonts come through a package (npm or Debian), never from the repository.
/// </summary>
public sealed class FontLibrary : IDisposable
{
    private readonly Dictionary<FontStyle, LoadedFont> _faces;

    private FontLibrary(string folder, Dictionary<FontStyle, LoadedFont> faces)
    {
        Folder = folder;
        _faces = faces;
    }

    public string Folder { get; }

    /// <summary>DejaVu Sans: Latin with diacritics, Greek and Cyrillic, under a free licence.</summary>
    public static FontLibrary DejaVuSans(string folder) => Load(folder, new Dictionary<FontStyle, string>
    {
        [FontStyle.Regular] = "DejaVuSans.ttf",
        [FontStyle.Bold] = "DejaVuSans-Bold.ttf",
        [FontStyle.Italic] = "DejaVuSans-Oblique.ttf",
        [FontStyle.BoldItalic] = "DejaVuSans-BoldOblique.ttf",
    });

    public static FontLibrary Load(string folder, IReadOnlyDictionary<FontStyle, string> files)
    {
        var missing = files.Values.Where(file => !File.Exists(Path.Combine(folder, file))).ToList();
        if (missing.Count > 0)
        {
            throw new FileNotFoundException($"Font files missing from {folder}: {string.Join(", ", missing)}. Run 'npm ci' in the repository root (package dejavu-fonts-ttf).");
        }

        return new FontLibrary(folder, files.ToDictionary(pair => pair.Key, pair => new LoadedFont(File.ReadAllBytes(Path.Combine(folder, pair.Value)))));
    }

    internal LoadedFont this[FontStyle style] => _faces[style];

    public void Dispose()
    {
        foreach (var face in _faces.Values)
        {
            face.Dispose();
        }
    }
}
