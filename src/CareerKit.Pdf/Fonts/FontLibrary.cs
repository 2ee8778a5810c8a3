namespace CareerKit.Pdf.Fonts;

/// <summary>
/// The four faces of one family, read once from a folder of .ttf files and shared by every render, and the fallback
/// fonts for characters the family lacks. Fonts come through a package (npm or Debian), never from the repository.
/// </summary>
public sealed class FontLibrary : IDisposable
{
    private readonly Dictionary<FontStyle, LoadedFont> _faces;

    // A fallback is read the first time a character needs it: most resumes never do, and a CJK font is 4 MB.
    private readonly IReadOnlyList<Lazy<LoadedFont?>> _fallbacks;

    private FontLibrary(string folder, Dictionary<FontStyle, LoadedFont> faces, IReadOnlyList<string?> fallbacks)
    {
        Folder = folder;
        _faces = faces;
        FallbackPaths = fallbacks;
        _fallbacks = fallbacks.Select(path => new Lazy<LoadedFont?>(() => path is null ? null : new LoadedFont(File.ReadAllBytes(path)))).ToList();
    }

    public string Folder { get; }

    /// <summary>Where each of <see cref="FallbackFonts.All"/> was found; null for one that is not installed.</summary>
    public IReadOnlyList<string?> FallbackPaths { get; }

    /// <summary>
    /// DejaVu Sans: Latin with diacritics, Greek and Cyrillic, under a free licence; with the fallbacks found in
    /// <c>fallback/</c> beside it or in their Debian folders.
    /// </summary>
    public static FontLibrary DejaVuSans(string folder) => Load(folder, new Dictionary<FontStyle, string>
    {
        [FontStyle.Regular] = "DejaVuSans.ttf",
        [FontStyle.Bold] = "DejaVuSans-Bold.ttf",
        [FontStyle.Italic] = "DejaVuSans-Oblique.ttf",
        [FontStyle.BoldItalic] = "DejaVuSans-BoldOblique.ttf",
    }, FallbackFonts.Find(Path.Combine(folder, "fallback")));

    public static FontLibrary Load(string folder, IReadOnlyDictionary<FontStyle, string> files, IReadOnlyList<string?>? fallbacks = null)
    {
        var missing = files.Values.Where(file => !File.Exists(Path.Combine(folder, file))).ToList();
        if (missing.Count > 0)
        {
            throw new FileNotFoundException($"Font files missing from {folder}: {string.Join(", ", missing)}. Run 'npm ci' in the repository root (package dejavu-fonts-ttf).");
        }

        var faces = files.ToDictionary(pair => pair.Key, pair => new LoadedFont(File.ReadAllBytes(Path.Combine(folder, pair.Value))));
        return new FontLibrary(folder, faces, fallbacks ?? []);
    }

    internal LoadedFont this[FontFace face] => face.IsFallback
        ? _fallbacks[face.Fallback].Value ?? throw new InvalidOperationException($"Fallback font {face.Fallback} is not installed.")
        : _faces[face.Style];

    /// <summary>
    /// The face that draws a character in this style: the family's own, else the first fallback that has it; null
    /// when no font has it.
    /// </summary>
    internal FontFace? FaceFor(FontStyle style, int codePoint)
    {
        if (_faces[style].Covers(codePoint))
        {
            return new FontFace(style);
        }

        for (var index = 0; index < _fallbacks.Count; index++)
        {
            if (_fallbacks[index].Value?.Covers(codePoint) == true)
            {
                return FontFace.OfFallback(index);
            }
        }

        return null;
    }

    private const int SubsetCacheSize = 64;
    private readonly Dictionary<string, LoadedFont> _subsets = new(StringComparer.Ordinal);
    private readonly Queue<string> _subsetOrder = new();
    private readonly Lock _subsetGate = new();

    /// <summary>
    /// The face cut down to these characters. Recent subsets are kept: the same template or resume rendered
    /// again needs the same subsets, and cutting a font is a large share of a render.
    /// </summary>
    /// <remarks>The library owns the fonts it returns; they live until it is disposed or they leave the cache.</remarks>
    internal LoadedFont Subset(FontFace face, IReadOnlyCollection<int> codePoints)
    {
        var key = $"{face.ResourceName}:{string.Join(',', codePoints.Order())}";
        lock (_subsetGate)
        {
            if (_subsets.TryGetValue(key, out var cached))
            {
                return cached;
            }
        }

        var subset = new LoadedFont(FontSubsetter.Subset(this[face].Data, codePoints.Order()), codePoints.Order().ToArray());
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
        var fallbacks = _fallbacks.Where(fallback => fallback.IsValueCreated).Select(fallback => fallback.Value).OfType<LoadedFont>();
        foreach (var face in _faces.Values.Concat(fallbacks).Concat(_subsets.Values))
        {
            face.Dispose();
        }
    }
}
