using System.Text.RegularExpressions;
using CareerKit.Newsletter;

namespace CareerKit.Tests.Newsletter;

/// <summary>
/// How alike two tips read, so the library test can refuse a copied, reworded or paraphrased tip. Three measures,
/// each a Jaccard index (shared over combined), with thresholds set well above the most alike pair of distinct
/// tips in the library (issue 15: 156 tips) and below what a copy scores:
/// <list type="bullet">
/// <item>bodies by three-word runs: a copy keeps most of them even with words swapped (every tenth word changed
/// still scores about 0.5); the most alike distinct tips share 0.04;</item>
/// <item>bodies by vocabulary (content words, lightly stemmed): a sentence-by-sentence paraphrase keeps few runs
/// but most words (0.36 for a hand paraphrase of ml-model-monitoring); the most alike distinct tips, the ML and
/// the LLM design-interview tips, share 0.23;</item>
/// <item>titles by content words: two titles sharing half their meaning words make the same promise; the most
/// alike distinct titles share 0.29.</item>
/// </list>
/// </summary>
internal static partial class TipSimilarity
{
    public const double BodyRunsThreshold = 0.15;
    public const double BodyWordsThreshold = 0.30;
    public const double TitleThreshold = 0.5;

    public sealed record Pair(Tip First, Tip Second, string What, double Score)
    {
        public override string ToString() => $"{First.Id} and {Second.Id}: {What} {Score:0.00}";
    }

    public static IReadOnlyList<Pair> NearDuplicates(IReadOnlyList<Tip> tips)
    {
        var found = new List<Pair>();
        for (var i = 0; i < tips.Count; i++)
        {
            for (var j = i + 1; j < tips.Count; j++)
            {
                void Check(string what, double score, double threshold)
                {
                    if (score >= threshold)
                    {
                        found.Add(new Pair(tips[i], tips[j], what, score));
                    }
                }

                Check("body runs", BodyRuns(tips[i].Body, tips[j].Body), BodyRunsThreshold);
                Check("body words", Vocabulary(tips[i].Body, tips[j].Body), BodyWordsThreshold);
                Check("titles", Vocabulary(tips[i].Title, tips[j].Title), TitleThreshold);
            }
        }

        return found;
    }

    public static double BodyRuns(string a, string b) => Jaccard(Shingles(a), Shingles(b));

    public static double Vocabulary(string a, string b) => Jaccard(ContentWords(a), ContentWords(b));

    private static HashSet<string> Shingles(string text)
    {
        var words = Words(text).ToList();
        return [.. Enumerable.Range(0, Math.Max(0, words.Count - 2)).Select(i => $"{words[i]} {words[i + 1]} {words[i + 2]}")];
    }

    private static HashSet<string> ContentWords(string text) => [.. Words(text).Where(word => !StopWords.Contains(word)).Select(Stem)];

    private static IEnumerable<string> Words(string text) => WordPattern().Matches(text.ToLowerInvariant()).Select(match => match.Value);

    /// <summary>Enough stemming that "model" and "models", "launch" and "launching" count as one word.</summary>
    private static string Stem(string word) =>
        word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal) ? word[..^3]
        : word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal) ? word[..^2]
        : word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
        : word;

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        var shared = a.Count(b.Contains);
        return a.Count + b.Count == 0 ? 0 : (double)shared / (a.Count + b.Count - shared);
    }

    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "by", "with", "from", "as", "is", "are", "be",
        "it", "its", "your", "you", "yours", "one", "not", "no", "do", "what", "how", "when", "before", "after", "than", "that",
        "this", "like", "way", "into", "about", "each", "every", "first", "well", "enough", "just", "can", "who", "them",
    ];

    [GeneratedRegex(@"[a-z0-9]+(?:['’-][a-z0-9]+)*")]
    private static partial Regex WordPattern();
}
