using System.Text.RegularExpressions;

namespace CareerKit.Resumes.Import;

/// <summary>A date or date range found in a line, and where it was, so the rest of the line can be read apart from it.</summary>
/// <param name="End">Null when the range goes on ("Present") or there is one date only.</param>
public sealed record DateRange(ResumeDate? Start, ResumeDate? End, bool Ongoing, int Index, int Length)
{
    public bool IsSingle => End is null && !Ongoing;
}

/// <summary>
/// Dates as resumes print them: "Jan 2020 – Present", "2019–2021", "03/2020 - 06/2021", "2020 - 2022", "Sept. 2019 to
/// now", or one date alone ("Nov 2014"). Each part is read by <see cref="ResumeDateForms"/>, as JSON dates are.
/// </summary>
public static partial class DateRanges
{
    public static DateRange? Find(string text)
    {
        if (Range().Match(text) is { Success: true } range
            && ResumeDateForms.TryRead(Squeeze(range.Groups["start"].Value), isEndDate: false, out var start, out _)
            && ResumeDateForms.TryRead(Squeeze(range.Groups["end"].Value), isEndDate: true, out var end, out _))
        {
            return new DateRange(start, end, end is null, range.Index, range.Length);
        }

        foreach (Match single in Single().Matches(text))
        {
            if (ResumeDateForms.TryRead(Squeeze(single.Groups["date"].Value), isEndDate: false, out var date, out _))
            {
                return new DateRange(date, null, false, single.Index, single.Length);
            }
        }

        return null;
    }

    /// <summary>The text without the dates and the separators left around them ("Acme · " → "Acme").</summary>
    public static string Without(string text, DateRange range) =>
        Trim(text.Remove(range.Index, range.Length));

    /// <summary>The text without separators at its ends, and without parentheses left unbalanced ("(2019 – 2021)" → "").</summary>
    public static string Trim(string text)
    {
        text = text.Trim(' ', ',', '|', '·', '•', '-', '–', '—', ':', '\t');
        var open = text.Count(c => c == '(') - text.Count(c => c == ')');
        if (open > 0 && text.EndsWith('('))
        {
            text = text.TrimEnd('(', ' ');
        }
        else if (open < 0 && text.StartsWith(')'))
        {
            text = text.TrimStart(')', ' ');
        }
        else if (text.StartsWith('(') && text.EndsWith(')') && open == 0 && text.IndexOf(')', StringComparison.Ordinal) == text.Length - 1)
        {
            text = text[1..^1];
        }

        return text.Trim(' ', ',', '|', '·', '•', '-', '–', '—', ':', '\t');
    }

    private static string Squeeze(string date) => Spaces().Replace(date.Trim().TrimEnd('.'), " ").Replace(". ", " ", StringComparison.Ordinal);

    private const string Month = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    private const string Date = @"(?:" + Month + @"\.?,?\s+(?:19|20)\d\d|[01]?\d/(?:19|20)\d\d|(?:19|20)\d\d-[01]\d-[0-3]\d|(?:19|20)\d\d-[01]\d|(?:19|20)\d\d)";

    [GeneratedRegex(@"(?<![\w/.-])(?<start>" + Date + @")\s*(?:–|—|-|~|\bto\b|\buntil\b)\s*(?<end>" + Date + @"|present|current|now|today|ongoing)(?![\w/])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Range();

    [GeneratedRegex(@"(?<![\w/.+-])(?<date>" + Date + @")(?![\w/.-]*\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Single();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
