using System.Globalization;
using System.Text;

namespace CareerKit.Pdf.Fonts;

/// <summary>
/// The fonts of one document: each face subset to the characters the document uses. A character the family lacks is
/// drawn in the first fallback font that has it; one that no font has is replaced by a visible placeholder and
/// reported, never dropped.
/// </summary>
internal sealed class FontSet : IDisposable
{
    public const char Placeholder = '\u25A1'; // □
    private readonly FontLibrary _library;
    private readonly Dictionary<FontFace, HashSet<int>> _used = [];
    private readonly SortedSet<string> _missing = new(StringComparer.Ordinal);
    private readonly Dictionary<FontFace, LoadedFont> _subsets = [];

    public FontSet(FontLibrary library) => _library = library;

    public IReadOnlyCollection<string> MissingCharacters => _missing;

    /// <summary>The text as it will be drawn: control characters become spaces, characters no font has the placeholder.</summary>
    public string Prepare(string text, FontStyle style)
    {
        var primary = new FontFace(style);
        // The style's own face is measured for every line in it (ascent, spaces), even when a fallback draws every letter.
        _used.TryAdd(primary, []);
        if (CoveredByFamily(text, style))
        {
            // The common case: every character in the family's own face, nothing to replace.
            var family = _used[primary];
            foreach (var rune in text.EnumerateRunes())
            {
                family.Add(rune.Value);
            }

            return text;
        }

        var builder = new StringBuilder(text.Length);
        FontFace? previous = null;
        foreach (var character in text.EnumerateRunes())
        {
            var rune = BreaksLine(character) ? new Rune(' ') : character;
            var face = Choose(rune, style, previous);
            if (face is null && !DefaultIgnorable(rune))
            {
                _missing.Add(rune.ToString());
                rune = new Rune(_library[primary].Covers(Placeholder) ? Placeholder : '?');
            }

            var chosen = face ?? previous ?? primary;
            var used = _used.TryGetValue(chosen, out var set) ? set : _used[chosen] = [];
            used.Add(rune.Value);
            builder.Append(rune.ToString());
            previous = chosen;
        }

        return builder.ToString();
    }

    private bool CoveredByFamily(string text, FontStyle style)
    {
        var face = _library[new FontFace(style)];
        foreach (var rune in text.EnumerateRunes())
        {
            if (BreaksLine(rune) || (rune.Value != ' ' && !face.Covers(rune.Value)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Prepared text cut into stretches of one face each, as <see cref="Prepare"/> chose them.</summary>
    public IEnumerable<(FontFace Face, int Start, int Length)> Segments(string text, FontStyle style)
    {
        FontFace? current = null;
        var start = 0;
        for (var index = 0; index < text.Length;)
        {
            var rune = Rune.GetRuneAt(text, index);
            var face = Choose(rune, style, current) ?? current ?? new FontFace(style);
            if (current is { } open && face != open)
            {
                yield return (open, start, index - start);
                start = index;
            }

            current = face;
            index += rune.Utf16SequenceLength;
        }

        if (current is { } last)
        {
            yield return (last, start, text.Length - start);
        }
    }

    /// <summary>
    /// The face for a character: a mark, a joiner or a variation selector stays with the character before it when that
    /// face has it (or when it is invisible anyway), so a Devanagari syllable or an emoji sequence is shaped whole;
    /// any other character takes the family's face, else the first fallback that has it; null when none has it.
    /// </summary>
    private FontFace? Choose(Rune rune, FontStyle style, FontFace? previous) =>
        previous is { } before && Attached(rune) && (DefaultIgnorable(rune) || _library[before].Covers(rune.Value))
            ? before
            : _library.FaceFor(style, rune.Value);

    /// <summary>Subsets every face that <see cref="Prepare"/> saw. Call once, after all text is prepared.</summary>
    public void Build()
    {
        foreach (var (face, codePoints) in _used)
        {
            codePoints.Add(' ');
            _subsets[face] = _library.Subset(face, codePoints);
        }
    }

    public LoadedFont this[FontFace face] =>
        _subsets.TryGetValue(face, out var font) ? font : throw new InvalidOperationException($"No text was prepared in {face}.");

    /// <summary>The whole font a face comes from (not the subset): what says whether it has a character.</summary>
    public LoadedFont Full(FontFace face) => _library[face];

    /// <summary>The subset fonts belong to the library's cache, which disposes them.</summary>
    public void Dispose() => _subsets.Clear();

    /// <summary>Control characters and line or paragraph separators: a line is laid out by the layout, so they draw as spaces.</summary>
    private static bool BreaksLine(Rune rune) => Rune.IsControl(rune) || rune.Value is 0x2028 or 0x2029;

    /// <summary>Characters that belong to the one before them: combining marks, joiners and variation selectors.</summary>
    private static bool Attached(Rune rune) =>
        DefaultIgnorable(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>Zero-width joiners and variation selectors: shaping hides them where the font has no glyph.</summary>
    private static bool DefaultIgnorable(Rune rune) => rune.Value is 0x200C or 0x200D or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);
}
