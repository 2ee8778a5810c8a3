using System.Text.RegularExpressions;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CareerKit.Newsletter;

/// <summary>One curated career tip: Markdown with front matter, from seeds/tips.</summary>
public sealed record Tip(string Id, string Title, IReadOnlyList<string> Tracks, string Topic, string Source, string Body)
{
    /// <summary>Whether a subscriber of this track (ml, ai or both) should get the tip.</summary>
    public bool AppliesTo(string track) => track == "both" || Tracks.Contains("both") || Tracks.Contains(track);
}

/// <summary>A problem with one tip file, for the library check and for editors.</summary>
public sealed record TipProblem(string File, string Message)
{
    public override string ToString() => $"{File}: {Message}";
}

/// <summary>
/// Reads the tip library and checks it: front matter complete, ids unique, tracks valid, bodies of
/// 60 to 250 words, every link absolute https.
/// </summary>
public static partial class TipLibrary
{
    public const int MinWords = 60;
    public const int MaxWords = 250;
    public static readonly IReadOnlyList<string> ValidTracks = ["ml", "ai", "both"];

    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).IgnoreUnmatchedProperties().Build();

    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "seeds", "tips");

    public static (IReadOnlyList<Tip> Tips, IReadOnlyList<TipProblem> Problems) Load(string folder)
    {
        var tips = new List<Tip>();
        var problems = new List<TipProblem>();
        foreach (var file in Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var (tip, fileProblems) = Parse(name, File.ReadAllText(file));
            problems.AddRange(fileProblems);
            if (tip is not null)
            {
                tips.Add(tip);
            }
        }

        foreach (var duplicate in tips.GroupBy(tip => tip.Id).Where(group => group.Count() > 1))
        {
            problems.Add(new TipProblem(duplicate.Key, $"the id is used by {duplicate.Count()} tips; ids must be unique"));
        }

        return (tips, problems);
    }

    public static (Tip? Tip, IReadOnlyList<TipProblem> Problems) Parse(string file, string text)
    {
        var problems = new List<TipProblem>();
        var match = FrontMatter().Match(text.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (!match.Success)
        {
            return (null, [new TipProblem(file, "starts without front matter between --- lines")]);
        }

        FrontMatterFields? fields;
        try
        {
            fields = Yaml.Deserialize<FrontMatterFields>(match.Groups["yaml"].Value);
        }
        catch (YamlDotNet.Core.YamlException invalid)
        {
            return (null, [new TipProblem(file, $"front matter is not valid YAML: {invalid.Message}")]);
        }

        fields ??= new FrontMatterFields();
        void Require(string? value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new TipProblem(file, $"front matter has no {name}"));
            }
        }

        Require(fields.Id, "id");
        Require(fields.Title, "title");
        Require(fields.Topic, "topic");
        Require(fields.Source, "source");
        if (fields.Tracks is not { Count: > 0 } || fields.Tracks.Any(track => !ValidTracks.Contains(track)))
        {
            problems.Add(new TipProblem(file, $"tracks must list one or more of {string.Join(", ", ValidTracks)}"));
        }

        var body = match.Groups["body"].Value.Trim();
        var words = Words().Matches(body).Count;
        if (words is < MinWords or > MaxWords)
        {
            problems.Add(new TipProblem(file, $"the body has {words} words; a tip has {MinWords} to {MaxWords}"));
        }

        foreach (Match link in Links().Matches(body))
        {
            if (!Uri.TryCreate(link.Value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                problems.Add(new TipProblem(file, $"the link {link.Value} is not an absolute https address"));
            }
        }

        return problems.Count > 0
            ? (null, problems)
            : (new Tip(fields.Id!, fields.Title!, fields.Tracks!, fields.Topic!, fields.Source!, body), problems);
    }

    [GeneratedRegex(@"\A---\n(?<yaml>.*?)\n---\n(?<body>.*)\z", RegexOptions.Singleline)]
    private static partial Regex FrontMatter();

    [GeneratedRegex(@"\b[\w'’-]+\b")]
    private static partial Regex Words();

    /// <summary>Markdown links' targets and bare addresses.</summary>
    [GeneratedRegex(@"(?<=\]\()[^)\s]+|\b(?:https?|ftp|mailto|javascript):[^\s)]+|www\.[^\s)]+", RegexOptions.IgnoreCase)]
    private static partial Regex Links();

    private sealed class FrontMatterFields
    {
        public string? Id { get; set; }
        public string? Title { get; set; }
        public List<string>? Tracks { get; set; }
        public string? Topic { get; set; }
        public string? Source { get; set; }
    }
}
