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

    private const int SubsetCacheSize = 64;
    private readonly Dictionary<string, LoadedFont> _subsets = new(StringComparer.Ordinal);
    private readonly Queue<string> _subsetOrder = new();
    private readonly Lock _subsetGate = new();

    /// <summary>
    /// The face cut down to these characters. Recent subsets are kept: the same template or resume rendered
    /// again needs the same subsets, and cutting a font is a large share of a render.
    /// </summary>
    /// <remarks>The library owns the fonts it returns; they live until it is disposed or they leave the cache.</remarks>
    internal LoadedFont Subset(FontStyle style, IReadOnlyCollection<int> codePoints)
    {
        var key = $"{style}:{string.Join(',', codePoints.Order())}";
        lock (_subsetGate)
        {
            if (_subsets.TryGetValue(key, out var cached))
            {
                return cached;
            }
        }

        var subset = new LoadedFont(FontSubsetter.Subset(_faces[style].Data, codePoints.Order()), codePoints.Order().ToArray());
        lock (_subsetGate)
        {
            if (!_subsets.TryAdd(key, subset))
            {
                subset.Dispose();
                return _subsets[key];
            }

            _subsetOrder.Enqueue(key);
            // An evicted font may still be in use by a render on another thread; the GC finalises it then.
            if (_subsetOrder.Count > SubsetCacheSize)
            {
                _subsets.Remove(_subsetOrder.Dequeue());
            }
        }

        return subset;
    }

    public void Dispose()
    {
        foreach (var face in _faces.Values.Concat(_subsets.Values))
        {
            face.Dispose();
        }
    }
}
