using System.Text.RegularExpressions;

namespace CareerKit.Resumes;

/// <summary>
/// The skill terms of a job description, and which of them a resume names. A term is a skill of the alias table the ad
/// names (matched as in the resume: aliases, whole words), or a word the ad writes at least twice the way tools are
/// written (PyTorch, AWS, Node.js, GPT-4: capitals inside, digits, + # or .) that the table does not know.
/// </summary>
public static partial class JobDescriptionTerms
{
    /// <summary>Capitalised words job ads repeat that are not skills.</summary>
    private static readonly HashSet<string> NotSkills = new(StringComparer.OrdinalIgnoreCase)
    {
        "AI", "ML", "US", "USA", "UK", "EU", "EMEA", "APAC", "CEO", "CTO", "CFO", "VP", "HR", "PTO", "EOE", "FAQ", "OK", "TBD",
        "WFH", "B2B", "B2C", "SaaS", "II", "III", "IV", "PhD", "MSc", "BSc", "MS", "BS", "Inc", "Ltd", "LLC", "GmbH", "e.g", "i.e", "etc",
    };

    public static (List<JobTerm> Met, List<JobTerm> Missing) Match(string jobDescription, SkillAliases aliases, List<ResumePassage> passages, List<List<SkillMention>> mentions)
    {
        var resumeSkills = mentions.SelectMany(found => found).Select(mention => mention.Skill).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var adMentions = aliases.Find(jobDescription);
        var terms = adMentions.GroupBy(mention => mention.Skill, StringComparer.OrdinalIgnoreCase)
            .Select(group => (Term: new JobTerm(group.Key, group.Count()), Met: resumeSkills.Contains(group.Key)))
            .ToList();

        terms.AddRange(ToolLikeWords().Matches(jobDescription)
            .Where(word => !Overlaps(adMentions, word) && LooksLikeATool(word.Value))
            .GroupBy(word => word.Value, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() >= 2)
            .Select(group => (Term: new JobTerm(group.First().Value, group.Count()), Met: passages.Any(passage => Names(passage.Text, group.Key)))));

        var ordered = terms.OrderByDescending(term => term.Term.Count).ThenBy(term => term.Term.Term, StringComparer.OrdinalIgnoreCase).ToList();
        return (ordered.Where(term => term.Met).Select(term => term.Term).ToList(), ordered.Where(term => !term.Met).Select(term => term.Term).ToList());
    }

    /// <summary>Whether a word is part of a skill the table found; the mentions are in order and do not overlap.</summary>
    private static bool Overlaps(List<SkillMention> mentions, Match word)
    {
        var low = 0;
        var high = mentions.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var mention = mentions[middle];
            if (mention.Index + mention.Length <= word.Index)
            {
                low = middle + 1;
            }
            else if (mention.Index >= word.Index + word.Length)
            {
                high = middle - 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    private static bool LooksLikeATool(string word) =>
        !NotSkills.Contains(word)
        && (word.Skip(1).Any(char.IsUpper) || word.Any(char.IsDigit) || word.AsSpan().IndexOfAny("+#.") >= 0);

    private static bool Names(string text, string word) =>
        Regex.IsMatch(text, $@"(?<![\w+#&]){Regex.Escape(word)}(?![\w+#&])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>A word, with the dots, pluses, hashes and hyphens tool names carry inside or at the end (Node.js, C++, GPT-4).</summary>
    [GeneratedRegex(@"(?<![\w+#&])[A-Za-z][A-Za-z0-9]*(?:[.\-/][A-Za-z0-9]+)*[+#]*(?![\w+#&])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ToolLikeWords();
}
