using System.Text.RegularExpressions;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CareerKit.Newsletter;

/// <summary>One curated career tip: Markdown with front matter, from seeds/tips.</summary>
public sealed record Tip(string Id, string Title, IReadOnlyList<string> Tracks, string Topic, string Source, string Body)
{
    /// <summary>A retired tip is no longer picked for new editions; editions that have it still show it.</summary>
    public bool Retired { get; init; }

    /// <summary>Where the tip stands in its track's "start here" list for new subscribers (1 first), or null when it is not one.</summary>
    public int? Start { get; init; }

    /// <summary>Whether a subscriber of this track should get the tip: a tip for both goes to every track, and both gets every tip.</summary>
    public bool AppliesTo(Track track) => track == Track.Both || Tracks.Contains(Track.Both.Code()) || Tracks.Contains(track.Code());
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
        var tip = new Tip(fields.Id?.Trim() ?? "", fields.Title?.Trim() ?? "", fields.Tracks ?? [], fields.Topic?.Trim() ?? "", fields.Source?.Trim() ?? "", match.Groups["body"].Value.Trim())
        {
            Start = fields.Start,
        };
        problems.AddRange(Check(tip).SelectMany(field => field.Value.Select(message => new TipProblem(file, message))));
        return problems.Count > 0 ? (null, problems) : (tip, problems);
    }

    /// <summary>What is wrong with a tip, by field (id, title, tracks, topic, source, body): the same rules for seed files and editors' tips.</summary>
    public static Dictionary<string, string[]> Check(Tip tip)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Require(string value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems[name] = [$"front matter has no {name}"];
            }
        }

        Require(tip.Id, "id");
        if (!problems.ContainsKey("id") && !IsId(tip.Id))
        {
            problems["id"] = [$"the id '{(tip.Id.Length > 60 ? tip.Id[..60] + "…" : tip.Id)}' must be 1 to {MaxIdLength} lower-case letters, digits and hyphens"];
        }

        Require(tip.Title, "title");
        Require(tip.Topic, "topic");
        Require(tip.Source, "source");
        if (tip.Tracks is not { Count: > 0 } || tip.Tracks.Any(code => !Tracks.TryFromCode(code, out _)))
        {
            problems["tracks"] = [$"tracks must list one or more of {string.Join(", ", Tracks.All.Select(track => track.Code()))}"];
        }

        var words = CountWords(tip.Body);
        var body = new List<string>();
        if (words is < MinWords or > MaxWords)
        {
            body.Add($"the body has {words} words; a tip has {MinWords} to {MaxWords}");
        }

        foreach (Match link in Links().Matches(tip.Body))
        {
            if (!Uri.TryCreate(link.Value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                body.Add($"the link {link.Value} is not an absolute https address");
            }
        }

        if (body.Count > 0)
        {
            problems["body"] = [.. body];
        }

        if (tip.Start is < 1)
        {
            problems["start"] = ["start must be 1 or more: the tip's place in its track's \"start here\" list"];
        }

        return problems;
    }

    public const int MaxIdLength = 60;

    /// <summary>The words of a tip's body, counted as the library check counts them (the picker shows the same figure).</summary>
    public static int CountWords(string body) => Words().Matches(body).Count;

    private static bool IsId(string id) =>
        id.Length <= MaxIdLength && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && id[0] != '-';

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

        /// <summary>Marks a "start here" tip for new subscribers' welcome email, and its place in the list.</summary>
        public int? Start { get; set; }
    }
}
