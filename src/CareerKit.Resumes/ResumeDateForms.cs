using System.Globalization;
using System.Text.RegularExpressions;

namespace CareerKit.Resumes;

/// <summary>A date a resume wrote in another form than the schema's, and how it was read: <c>work[0].endDate</c>, "Present", "no end date (still there)".</summary>
public sealed record InterpretedDate(string Path, string Written, string ReadAs);

/// <summary>
/// The schema asks for ISO 8601 dates (YYYY, YYYY-MM, YYYY-MM-DD), but public resumes and the tools that write them
/// also use "Present", "08/2019", "Aug 2019", "2019-8" and days a month does not have ("2024-09-31"). Each is read as
/// the ISO date it means, so a resume is not refused for its dates; the review lists how each was read.
/// </summary>
public static partial class ResumeDateForms
{
    public const string Accepted = "use YYYY, YYYY-MM or YYYY-MM-DD (also read: MM/YYYY, \"Aug 2019\", and \"Present\" for an end date)";

    public const string NoEndDate = "no end date (still there)";

    /// <summary>Words for an end date that has not come: the job, study or project goes on.</summary>
    private static readonly HashSet<string> StillThere = new(["present", "current", "now", "ongoing", "today"], StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, int> MonthNames = MonthNamesByText();

    /// <summary>Reads a date in the ISO form or one of the other forms.</summary>
    /// <param name="date">The date; null when an end date says the entry goes on.</param>
    /// <param name="readAs">How a date written in another form was read; null for an ISO date.</param>
    /// <returns>Whether the text is a date in any of the forms.</returns>
    public static bool TryRead(string text, bool isEndDate, out ResumeDate? date, out string? readAs)
    {
        readAs = null;
        if (ResumeDate.TryParse(text, out date))
        {
            return true;
        }

        if (isEndDate && StillThere.Contains(text))
        {
            readAs = NoEndDate;
            return true;
        }

        if (Parts(text) is not { } parts || !TryBuild(parts.Year, parts.Month, parts.Day, out date))
        {
            return false;
        }

        readAs = parts.Day is { } day && date!.Day is null
            ? $"{date.Iso} ({CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(parts.Month)} {parts.Year} has no day {day}; the day is left out)"
            : date!.Iso;
        return true;
    }

    private static (int Year, int Month, int? Day)? Parts(string text)
    {
        if (LooseIso().Match(text) is { Success: true } iso)
        {
            return (Number(iso, "year"), Number(iso, "month"), iso.Groups["day"].Success ? Number(iso, "day") : null);
        }

        if (MonthSlashYear().Match(text) is { Success: true } slashed)
        {
            return (Number(slashed, "year"), Number(slashed, "month"), null);
        }

        if (NamedMonthYear().Match(text) is { Success: true } named && MonthNames.TryGetValue(named.Groups["month"].Value, out var month))
        {
            return (Number(named, "year"), month, null);
        }

        return null;
    }

    /// <summary>The date, without its day when the month is too short for it ("2024-09-31" is September 2024).</summary>
    private static bool TryBuild(int year, int month, int? day, out ResumeDate? date)
    {
        date = null;
        if (year < 1900 || month is < 1 or > 12 || day is < 1 or > 31)
        {
            return false;
        }

        date = new ResumeDate(year, month, day <= DateTime.DaysInMonth(year, month) ? day : null);
        return true;
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    /// <summary>"August", "Aug" and "Sept", any case, for months 1 to 12.</summary>
    private static Dictionary<string, int> MonthNamesByText()
    {
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["Sept"] = 9 };
        var format = CultureInfo.InvariantCulture.DateTimeFormat;
        for (var month = 1; month <= 12; month++)
        {
            names[format.GetMonthName(month)] = month;
            names[format.GetAbbreviatedMonthName(month)] = month;
        }

        return names;
    }

    /// <summary>"2019-8", "2019-8-5", "2024-09-31": ISO with one-digit parts or a day the month lacks.</summary>
    [GeneratedRegex("^(?<year>[0-9]{4})-(?<month>[0-9]{1,2})(?:-(?<day>[0-9]{1,2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex LooseIso();

    /// <summary>"08/2019" or "8/2019".</summary>
    [GeneratedRegex("^(?<month>[0-9]{1,2})/(?<year>[0-9]{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthSlashYear();

    /// <summary>"Aug 2019", "August 2019", "Aug. 2019", "Aug, 2019".</summary>
    [GeneratedRegex(@"^(?<month>[A-Za-z]{3,9})\.?,? +(?<year>[0-9]{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex NamedMonthYear();
}
