using System.Text.RegularExpressions;

namespace CareerKit.Resumes.Import;

/// <summary>
/// An entry of a dated section as read. <see cref="Main"/> is the organisation, school or the item's own name;
/// <see cref="Detail"/> the position, degree, issuer or publisher. <see cref="OrderGuessed"/>: the two were told apart by
/// their words alone, when the layout did not say which is which.
/// </summary>
public sealed record ParsedEntry(string? Main, string? Detail, DateRange? Dates, string? Url, string? Summary, IReadOnlyList<string> Highlights, bool OrderGuessed);

/// <summary>
/// Splits a dated section (experience, education, projects …) into entries and each entry into its parts. An entry is
/// its heading lines (short, bold or dated: organisation, position, dates, location, in any order and on one line or
/// several), then its body (a summary and bullets). The next heading line after a body starts the next entry.
/// </summary>
public static partial class EntryParser
{
    private const int MaxHeadingLines = 4;

    public static IReadOnlyList<ParsedEntry> Parse(string section, IReadOnlyList<ResumeLine> lines)
    {
        var ranked = section is "work" or "volunteer" or "education";
        var groups = new List<(List<ResumeLine> Heading, List<ResumeLine> Body)>();
        List<ResumeLine>? heading = null;
        List<ResumeLine> body = [];
        foreach (var line in lines)
        {
            var headingLike = IsHeadingLike(line, heading);
            if (heading is null)
            {
                heading = [];
                (line.Kind == LineKind.Bullet ? body : heading).Add(line);
                groups.Add((heading, body));
            }
            else if (headingLike && (body.Count > 0 || (HasDates(line) && heading.Any(HasDates)) || (ranked && IsComplete(heading))))
            {
                (heading, body) = ([line], []);
                groups.Add((heading, body));
            }
            else if (body.Count == 0 && headingLike && heading.Count < MaxHeadingLines)
            {
                heading.Add(line);
            }
            else
            {
                body.Add(line);
            }
        }

        // A lone undated line between dated entries is the previous entry's text (a short summary, a place), not an entry.
        if (groups.Any(group => group.Heading.Any(HasDates)))
        {
            for (var i = groups.Count - 1; i > 0; i--)
            {
                if (groups[i] is { Heading: [var only] } && !HasDates(only))
                {
                    groups[i - 1].Body.Add(only);
                    groups[i - 1].Body.AddRange(groups[i].Body);
                    groups.RemoveAt(i);
                }
            }
        }

        return groups.Select(group => Entry(section, group.Heading, group.Body)).ToList();
    }

    /// <summary>An entry's heading that already has its dates and two lines of text: the organisation and the position, or the school and the degree.</summary>
    private static bool IsComplete(List<ResumeLine> heading) =>
        heading.Any(HasDates) && heading.Count(line => !HasDates(line) || (DateRanges.Find(line.Text) is { } dates && DateRanges.Without(line.Text, dates).Length > 0)) >= 2;

    /// <summary>Whether the line holds an entry's dates: a short line with a date, or a date set apart by a gap ("Acme      2019 – 2021").</summary>
    private static bool HasDates(ResumeLine line) =>
        line.Kind != LineKind.Bullet && (GapGroups(line).Any(group => MostlyDate(string.Join(" ", group.Select(segment => segment.Text))))
            || (line.Text.Length <= 80 && DateRanges.Find(line.Text) is { IsSingle: false }));

    private static bool MostlyDate(string text) => DateRanges.Find(text) is { } range && range.Length * 2 >= text.Trim().Length;

    /// <summary>A line that can be part of an entry's heading: not a bullet, not "Score: 4.0", and bold, dated or short.</summary>
    private static bool IsHeadingLike(ResumeLine line, List<ResumeLine>? heading)
    {
        if (line.Kind == LineKind.Bullet || Labelled().IsMatch(line.Text))
        {
            return false;
        }

        // A degree or position may end with a full stop ("Bachelor of Computer Science."): the line after an entry's first is read as its second.
        var text = line.Text.Trim();
        var sentence = text.EndsWith('.') && text.Split(' ')[^1].Length > 4 && !(heading is { Count: 1 or 2 } && text.Length <= 60 && !IsComplete(heading));
        return (line.Bold && text.Length <= 120) || HasDates(line) || (text.Length <= 80 && !sentence);
    }

    private static ParsedEntry Entry(string section, List<ResumeLine> heading, List<ResumeLine> body)
    {
        DateRange? dates = null;
        string? url = heading.SelectMany(line => line.Links).FirstOrDefault(link => link.StartsWith("http", StringComparison.OrdinalIgnoreCase));
        var parts = new List<(string Text, IReadOnlyList<LineSegment> Runs)>();
        foreach (var line in heading)
        {
            foreach (var group in GapGroups(line))
            {
                var text = string.Join(" ", group.Select(segment => segment.Text)).Trim();
                if (dates is null && DateRanges.Find(text) is { } found)
                {
                    dates = found;
                    text = DateRanges.Without(text, found);
                    group.Clear(); // The runs held the dates: the text alone is kept.
                }

                if (text.Length == 0)
                {
                    continue;
                }

                if (parts.Count > 0 && Place().IsMatch(text))
                {
                    continue; // "(Saint-Petersburg, Russia)", "Berlin, Germany": where, which JSON Resume's work entries do not keep.
                }

                if (IsAddress(text))
                {
                    url ??= text.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? text : $"https://{text}";
                    continue;
                }

                parts.Add((text, group));
            }
        }

        var (main, detail, guessed) = Roles(section, parts);
        var extra = parts.Skip(2).Select(part => part.Text);
        var summary = string.Join(" ", extra.Concat(body.Where(line => line.Kind != LineKind.Bullet).Select(line => line.Text.Trim())));
        var highlights = body.Where(line => line.Kind == LineKind.Bullet).Select(line => line.Text.Trim()).ToList();
        return new ParsedEntry(main, detail, dates, url, summary.Length == 0 ? null : summary, highlights, guessed);
    }

    /// <summary>Which heading part is the organisation (or school, or name) and which the position (or degree).</summary>
    private static (string? Main, string? Detail, bool Guessed) Roles(string section, List<(string Text, IReadOnlyList<LineSegment> Runs)> parts)
    {
        if (parts.Count == 0)
        {
            return (null, null, false);
        }

        var ranked = section is "work" or "volunteer" or "education";
        if (parts.Count >= 2)
        {
            var (first, second) = (parts[0].Text, parts[1].Text);
            return ranked && EntryWords.DetailScore(section, first) > EntryWords.DetailScore(section, second) ? (second, first, true) : (first, second, false);
        }

        var only = parts[0];
        if (!ranked)
        {
            return (only.Text, null, false);
        }

        // One line for both: "<b>Senior Engineer</b>, Acme", "Engineer at Acme", "MSc in AI, University of X".
        if ((SplitByWeight(only.Runs) ?? SplitBySeparator(only.Text)) is { } pair)
        {
            var (a, b) = pair;
            var (aScore, bScore) = (EntryWords.DetailScore(section, a), EntryWords.DetailScore(section, b));
            return aScore >= bScore ? (b, a, aScore == bScore) : (a, b, false);
        }

        return EntryWords.DetailScore(section, only.Text) > 0 ? (null, only.Text, true) : (only.Text, null, false);
    }

    private static (string, string)? SplitByWeight(IReadOnlyList<LineSegment> runs)
    {
        if (runs.Count < 2 || runs.All(run => run.Bold) || runs.All(run => !run.Bold) || !runs[0].Bold)
        {
            return null;
        }

        var bold = DateRanges.Trim(string.Join(" ", runs.TakeWhile(run => run.Bold).Select(run => run.Text)));
        var rest = Separator().Replace(string.Join(" ", runs.SkipWhile(run => run.Bold).Select(run => run.Text)).Trim(), "", 1);
        rest = DateRanges.Trim(rest);
        return bold.Length > 0 && rest.Length > 0 ? (bold, rest) : null;
    }

    /// <summary>
    /// Splits "Position, Organisation" at its last comma outside parentheses (positions hold commas more often than
    /// organisations), else at " at ", "@", "|" or a dash.
    /// </summary>
    private static (string, string)? SplitBySeparator(string text)
    {
        var outside = Separator().Matches(text).Where(match => match.Index > 0 && match.Index + match.Length < text.Length && Depth(text, match.Index) == 0).ToList();
        var match = outside.LastOrDefault(match => match.Value.Trim() == ",") ?? outside.FirstOrDefault();
        return match is null ? null : (text[..match.Index].Trim(), text[(match.Index + match.Length)..].Trim());
    }

    private static int Depth(string text, int index) => text[..index].Count(c => c == '(') - text[..index].Count(c => c == ')');

    /// <summary>The line's runs between wide gaps, each a list the caller may clear.</summary>
    private static IEnumerable<List<LineSegment>> GapGroups(ResumeLine line)
    {
        List<LineSegment>? group = null;
        foreach (var segment in line.Segments)
        {
            if (group is not null && segment.AfterGap)
            {
                yield return group;
                group = null;
            }

            (group ??= []).Add(segment);
        }

        if (group is not null)
        {
            yield return group;
        }
    }

    private static bool IsAddress(string text) => AddressPattern().IsMatch(text);

    [GeneratedRegex(@"^(https?://\S+|(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+/\S*|(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|org|net|io|dev|me|co|ai|app)/?)$", RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();

    /// <summary>"Score: 4.0", "Courses: …", "Tech stack: …": a labelled detail, never part of an entry's heading.</summary>
    [GeneratedRegex(@"^(score|gpa|grade|courses|relevant courses|coursework|technologies|tech stack|stack|tools|skills|keywords|environment|thesis|location|achievements|awards|honou?rs|languages|responsibilities)\s*:", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Labelled();

    [GeneratedRegex(@"^\(?\p{Lu}[\p{L}' .-]+(?:, ?\p{Lu}[\p{L}' .-]+){1,2}\)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Place();

    [GeneratedRegex(@"\s*(?:,|\bat\b|@|\||—|–|\s-\s|·)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Separator();
}
