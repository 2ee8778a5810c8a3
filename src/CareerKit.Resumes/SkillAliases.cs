using System.Text.Json;
using System.Text.RegularExpressions;

namespace CareerKit.Resumes;

/// <summary>A skill found in a text: the skill's name in the alias table, and where the text says it.</summary>
public readonly record struct SkillMention(string Skill, int Index, int Length);

/// <summary>
/// The curated alias table (templates/resumes/skill-aliases.json): each skill with the other ways resumes and job ads
/// write it. Skills match as whole words, so "R" is not every word with an r, "Go" is not "good", and "C++" and "C#"
/// match literally; short names that are also ordinary words (R, Go) match only as written.
/// </summary>
public sealed class SkillAliases
{
    // Characters that continue a word: "C" is not found in "C++", nor "R" in "R&D", nor "JS" in "Node.js".
    // Case-sensitive names are short words that a hyphen also continues ("Go-live").
    private const string WordBefore = @"(?<![\w+#&.])";
    private const string WordAfter = @"(?![\w+#&])";
    private static readonly TimeSpan MatchBound = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, string> _anyCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _exactCase = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _anyOf = new(StringComparer.OrdinalIgnoreCase);
    private readonly Regex _anyCasePattern;
    private readonly Regex _exactCasePattern;

    private SkillAliases(JsonElement skills)
    {
        foreach (var skill in skills.EnumerateArray())
        {
            var name = skill.GetProperty("name").GetString()!;
            if (skill.TryGetProperty("anyOf", out var anyOf))
            {
                _anyOf[name] = anyOf.EnumerateArray().Select(part => part.GetString()!).ToList();
                continue;
            }

            var table = skill.TryGetProperty("matchCase", out var matchCase) && matchCase.GetBoolean() ? _exactCase : _anyCase;
            var aliases = skill.TryGetProperty("aliases", out var listed) ? listed.EnumerateArray().Select(alias => alias.GetString()!) : [];
            foreach (var alias in aliases.Prepend(name))
            {
                if (_anyCase.ContainsKey(alias) || _exactCase.ContainsKey(alias))
                {
                    throw new InvalidOperationException($"The skill alias '{alias}' belongs to two skills; an alias names one skill.");
                }

                table[alias] = name;
            }
        }

        foreach (var (name, parts) in _anyOf)
        {
            if (parts.FirstOrDefault(part => !IsSkill(part)) is { } unknown)
            {
                throw new InvalidOperationException($"The skill '{name}' is met by '{unknown}', which the alias table does not have.");
            }
        }

        _anyCasePattern = Pattern(_anyCase.Keys, $"{WordBefore}(?:{{0}})(?:e?s)?{WordAfter}", RegexOptions.IgnoreCase);
        _exactCasePattern = Pattern(_exactCase.Keys, @"(?<![\w+#&.-])(?:{0})(?![\w+#&-])", RegexOptions.None);
    }

    public static SkillAliases Load(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(file));
        return new SkillAliases(json.RootElement.GetProperty("skills"));
    }

    /// <summary>Whether the table has the skill, as a skill of its own or one met by any of others ("AWS, Azure or GCP").</summary>
    public bool Knows(string skill) => _anyOf.ContainsKey(skill) || IsSkill(skill);

    /// <summary>The skills that meet a skill: the skill itself, or each of its alternatives.</summary>
    public IReadOnlyList<string> MetBy(string skill) => _anyOf.TryGetValue(skill, out var parts) ? parts : [Name(skill)];

    /// <summary>Every skill the text names, in order; where names overlap ("LLM APIs", "LLM") the longer one counts.</summary>
    public List<SkillMention> Find(string text)
    {
        var mentions = new List<SkillMention>();
        Collect(_anyCasePattern, _anyCase, text, mentions);
        Collect(_exactCasePattern, _exactCase, text, mentions);
        if (mentions.Count < 2)
        {
            return mentions;
        }

        mentions.Sort((a, b) => a.Index != b.Index ? a.Index.CompareTo(b.Index) : b.Length.CompareTo(a.Length));
        var kept = new List<SkillMention>(mentions.Count);
        var end = 0;
        foreach (var mention in mentions.Where(mention => mention.Index >= end))
        {
            kept.Add(mention);
            end = mention.Index + mention.Length;
        }

        return kept;
    }

    private bool IsSkill(string name) => _anyCase.ContainsKey(name) || _exactCase.ContainsKey(name);

    private string Name(string skill) => _exactCase.GetValueOrDefault(skill) ?? _anyCase.GetValueOrDefault(skill, skill);

    private static void Collect(Regex pattern, Dictionary<string, string> table, string text, List<SkillMention> mentions)
    {
        foreach (Match match in pattern.Matches(text))
        {
            // A plural ("LLMs", "vector databases") is the alias plus s or es.
            var value = match.Value.Contains("  ", StringComparison.Ordinal) || match.Value.AsSpan().IndexOfAny('\n', '\r', '\t') >= 0
                ? string.Join(' ', match.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                : match.Value;
            var skill = table.GetValueOrDefault(value)
                ?? table.GetValueOrDefault(value[..^1])
                ?? (value.Length > 2 ? table.GetValueOrDefault(value[..^2]) : null);
            if (skill is not null)
            {
                mentions.Add(new SkillMention(skill, match.Index, match.Length));
            }
        }
    }

    /// <summary>
    /// One pass over a text for all aliases: the longest first, as alternation takes the first that fits. Interpreted,
    /// not compiled: compiling a few hundred alternatives costs each start more than the review gains, and the first
    /// match of a compiled one waits for the JIT within the match time bound.
    /// </summary>
    private static Regex Pattern(IEnumerable<string> aliases, string shape, RegexOptions options) => new(
        string.Format(System.Globalization.CultureInfo.InvariantCulture, shape,
            string.Join('|', aliases.OrderByDescending(alias => alias.Length).Select(alias => Regex.Escape(alias).Replace("\\ ", "\\s+", StringComparison.Ordinal)))),
        options | RegexOptions.CultureInvariant, MatchBound);
}
