using System.Text.RegularExpressions;

namespace CareerKit.Resumes.Import;

/// <summary>
/// One field of a resume as written and as a parser read it back: <see cref="Field"/> is its kind (name, email, phone,
/// urls, organisation, position, work dates, school, degree, education dates), <see cref="Path"/> its JSON path.
/// Values are shown as a resume prints them (dates as "Mar 2021 – Present"); <see cref="Read"/> is null when not found.
/// </summary>
public sealed record ReadBackField(string Field, string Path, string Expected, string? Read, bool Matches);

/// <summary>
/// Compares the fields an applicant-tracking system relies on between the resume written and the one read back from
/// its file: name, email, phone, each URL, each work entry's organisation, position and dates, each school, degree and
/// dates. Entries are paired in order; dates compare at the month a resume prints; spacing and case of emails and URLs
/// do not count. Used by the parse check before download and by the import accuracy benchmark.
/// </summary>
public static partial class ReadBackFields
{
    public static readonly string[] Kinds = ["name", "email", "phone", "urls", "organisation", "position", "work dates", "school", "degree", "education dates"];

    public static List<ReadBackField> Compare(ResumeDocument written, ResumeDocument read)
    {
        var fields = new List<ReadBackField>();
        void Add(string field, string path, string? expected, string? actual, Func<string, string> normalise)
        {
            if (!string.IsNullOrWhiteSpace(expected))
            {
                fields.Add(new ReadBackField(field, path, expected, actual, actual is not null && normalise(expected) == normalise(actual)));
            }
        }

        var (want, got) = (written.Basics, read.Basics);
        Add("name", "basics.name", want?.Name, got?.Name, Text);
        Add("email", "basics.email", want?.Email, got?.Email, text => text.ToLowerInvariant());
        Add("phone", "basics.phone", want?.Phone?.Count(char.IsAsciiDigit) >= 7 ? want.Phone : null, got?.Phone, Digits);
        var readUrls = Urls(got).ToDictionary(url => ContactParser.Comparable(url.Url), url => url.Url);
        foreach (var (path, url) in Urls(want))
        {
            Add("urls", path, url, readUrls.GetValueOrDefault(ContactParser.Comparable(url)), ContactParser.Comparable);
        }

        for (var i = 0; i < written.Work.Count; i++)
        {
            var (job, back) = (written.Work[i], i < read.Work.Count ? read.Work[i] : null);
            Add("organisation", $"work[{i}].name", job.Name, back?.Name, Text);
            Add("position", $"work[{i}].position", job.Position, back?.Position, Text);
            Add("work dates", DatesPath($"work[{i}]", job.StartDate, back?.StartDate), Dates(job.StartDate, job.EndDate), back is null ? null : Dates(back.StartDate, back.EndDate), Text);
        }

        for (var i = 0; i < written.Education.Count; i++)
        {
            var (school, back) = (written.Education[i], i < read.Education.Count ? read.Education[i] : null);
            Add("school", $"education[{i}].institution", school.Institution, back?.Institution, Text);
            Add("degree", $"education[{i}].studyType", Degree(school), back is null ? null : Degree(back), Text);
            Add("education dates", DatesPath($"education[{i}]", school.StartDate, back?.StartDate), Dates(school.StartDate, school.EndDate), back is null ? null : Dates(back.StartDate, back.EndDate), Text);
        }

        return fields;
    }

    /// <summary>The website and each profile's URL, by path; "skype:name" and the like are not web addresses, so left out.</summary>
    private static IEnumerable<(string Path, string Url)> Urls(Basics? basics)
    {
        if (basics is null)
        {
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var all = basics.Profiles.Select((profile, index) => ($"basics.profiles[{index}].url", profile.Url)).Prepend(("basics.url", basics.Url));
        foreach (var (path, url) in all)
        {
            if (!string.IsNullOrWhiteSpace(url) && !NonWebScheme().IsMatch(url) && seen.Add(ContactParser.Comparable(url)))
            {
                yield return (path, url);
            }
        }
    }

    /// <summary>The start date's path when the start differs, else the end date's: the one to look at.</summary>
    private static string DatesPath(string entry, ResumeDate? start, ResumeDate? readStart) =>
        start?.ToString() == readStart?.ToString() ? $"{entry}.endDate" : $"{entry}.startDate";

    /// <summary>The dates as a resume prints them: months and years, no days.</summary>
    private static string? Dates(ResumeDate? start, ResumeDate? end) =>
        start is null && end is null ? null : $"{start?.ToString() ?? "?"} – {end?.ToString() ?? "Present"}";

    private static string? Degree(Education education) =>
        string.IsNullOrWhiteSpace(education.StudyType) ? education.Area : string.IsNullOrWhiteSpace(education.Area) ? education.StudyType : $"{education.StudyType} in {education.Area}";

    private static string Text(string text) => Spaces().Replace(text, " ").Trim();

    private static string Digits(string text) => new(text.Where(char.IsAsciiDigit).ToArray());

    [GeneratedRegex(@"^(?!https?:)[a-z][a-z0-9+.-]*:(?!//)", RegexOptions.IgnoreCase)]
    private static partial Regex NonWebScheme();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
