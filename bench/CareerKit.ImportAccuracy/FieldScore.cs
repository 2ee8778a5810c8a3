using System.Text.RegularExpressions;
using CareerKit.Resumes;
using CareerKit.Resumes.Import;

namespace CareerKit.ImportAccuracy;

/// <summary>
/// Counts the fields an import got right against the resume the file was made from: name, email, phone, each URL,
/// and each work entry's organisation, position and dates and each school, degree and dates (compared at the
/// month a resume prints). Entries are paired in order.
/// </summary>
public sealed partial class FieldScore
{
    public static readonly string[] Fields = ["name", "email", "phone", "urls", "organisation", "position", "work dates", "school", "degree", "education dates"];

    private readonly Dictionary<string, (int Right, int Total)> _counts = Fields.ToDictionary(field => field, _ => (0, 0));

    public List<string> Misses { get; } = [];

    public (int Right, int Total) this[string field] => _counts[field];

    public (int Right, int Total) Overall => (_counts.Values.Sum(count => count.Right), _counts.Values.Sum(count => count.Total));

    public void Add(FieldScore other)
    {
        foreach (var field in Fields)
        {
            _counts[field] = (_counts[field].Right + other[field].Right, _counts[field].Total + other[field].Total);
        }

        Misses.AddRange(other.Misses);
    }

    public static FieldScore Of(string label, ResumeDocument expected, ResumeDocument imported)
    {
        var score = new FieldScore();
        var (want, got) = (expected.Basics, imported.Basics);
        score.Count(label, "name", want?.Name, got?.Name, Text);
        score.Count(label, "email", want?.Email, got?.Email, text => text.ToLowerInvariant());
        score.Count(label, "phone", want?.Phone?.Count(char.IsAsciiDigit) >= 7 ? want.Phone : null, got?.Phone, text => new string(text.Where(char.IsAsciiDigit).ToArray()));
        var urls = Urls(got).ToHashSet();
        foreach (var url in Urls(want))
        {
            score.Count(label, "urls", url, urls.Contains(url) ? url : null, text => text);
        }

        for (var i = 0; i < expected.Work.Count; i++)
        {
            var job = i < imported.Work.Count ? imported.Work[i] : null;
            score.Count(label, "organisation", expected.Work[i].Name, job?.Name, Text);
            score.Count(label, "position", expected.Work[i].Position, job?.Position, Text);
            score.Count(label, "work dates", Dates(expected.Work[i].StartDate, expected.Work[i].EndDate), job is null ? null : Dates(job.StartDate, job.EndDate), text => text);
        }

        for (var i = 0; i < expected.Education.Count; i++)
        {
            var school = i < imported.Education.Count ? imported.Education[i] : null;
            var want1 = expected.Education[i];
            score.Count(label, "school", want1.Institution, school?.Institution, Text);
            score.Count(label, "degree", Degree(want1), school is null ? null : Degree(school), Text);
            score.Count(label, "education dates", Dates(want1.StartDate, want1.EndDate), school is null ? null : Dates(school.StartDate, school.EndDate), text => text);
        }

        return score;
    }

    private void Count(string label, string field, string? expected, string? actual, Func<string, string> normalise)
    {
        if (string.IsNullOrWhiteSpace(expected))
        {
            return;
        }

        var right = actual is not null && normalise(expected) == normalise(actual);
        _counts[field] = (_counts[field].Right + (right ? 1 : 0), _counts[field].Total + 1);
        if (!right)
        {
            Misses.Add($"{label} {field}: expected \"{expected}\", got \"{actual}\"");
        }
    }

    private static IEnumerable<string> Urls(Basics? basics) => basics is null ? [] :
        new[] { basics.Url }.Concat(basics.Profiles.Select(profile => profile.Url))
            .Where(url => !string.IsNullOrWhiteSpace(url) && !NonWebScheme().IsMatch(url!)).Select(url => ContactParser.Comparable(url!)).Distinct();

    /// <summary>The dates as a resume prints them: months and years, no days.</summary>
    private static string? Dates(ResumeDate? start, ResumeDate? end) =>
        start is null && end is null ? null : $"{start?.ToString() ?? "?"} – {end?.ToString() ?? "Present"}";

    private static string? Degree(Education education) => ResumeOutlineJoin(education.StudyType, education.Area);

    private static string? ResumeOutlineJoin(string? first, string? second) =>
        string.IsNullOrWhiteSpace(first) ? second : string.IsNullOrWhiteSpace(second) ? first : $"{first} in {second}";

    private static string Text(string text) => Spaces().Replace(text, " ").Trim();

    /// <summary>"skype:name", "tel:…": not web addresses, so not counted as URLs.</summary>
    [GeneratedRegex(@"^(?!https?:)[a-z][a-z0-9+.-]*:(?!//)", RegexOptions.IgnoreCase)]
    private static partial Regex NonWebScheme();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
