using System.Text;

namespace CareerKit.Pdf.Fonts;

/// <summary>
/// The fonts of one document: each face subset to the characters the document uses. Characters no face
/// covers are replaced by a visible placeholder and reported, never dropped.
/// </summary>
internal sealed class FontSet : IDisposable
{
    public const char Placeholder = '\u25A1'; // □
    private readonly FontLibrary _library;
    private readonly Dictionary<FontStyle, HashSet<int>> _used = [];
    private readonly SortedSet<string> _missing = new(StringComparer.Ordinal);
    private readonly Dictionary<FontStyle, LoadedFont> _subsets = [];

    public FontSet(FontLibrary library) => _library = library;

    public IReadOnlyCollection<string> MissingCharacters => _missing;

    /// <summary>The text as it will be drawn: control characters become spaces, uncovered characters the placeholder.</summary>
    public string Prepare(string text, FontStyle style)
    {
        var full = _library[style];
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || rune.Value is 0x2028 or 0x2029)
            {
                builder.Append(' ');
            }
            else if (full.Covers(rune.Value) || rune.Value == ' ')
            {
                builder.Append(rune.ToString());
            }
            else
            {
                _missing.Add(rune.ToString());
                builder.Append(full.Covers(Placeholder) ? Placeholder : '?');
            }
        }

        var prepared = builder.ToString();
        var used = _used.TryGetValue(style, out var set) ? set : _used[style] = [];
        foreach (var rune in prepared.EnumerateRunes())
        {
            used.Add(rune.Value);
        }

        return prepared;
    }

    /// <summary>Subsets every face that <see cref="Prepare"/> saw. Call once, after all text is prepared.</summary>
    public void Build()
    {
        foreach (var (style, codePoints) in _used)
        {
            codePoints.Add(' ');
            _subsets[style] = _library.Subset(style, codePoints);
        }
    }

    public LoadedFont this[FontStyle style] =>
        _subsets.TryGetValue(style, out var font) ? font : throw new InvalidOperationException($"No text was prepared in {style}.");

    /// <summary>The subset fonts belong to the library's cache, which disposes them.</summary>
    public void Dispose() => _subsets.Clear();
}
