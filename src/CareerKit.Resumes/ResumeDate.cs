using System.Globalization;

namespace CareerKit.Resumes;

/// <summary>A JSON Resume date: YYYY, YYYY-MM or YYYY-MM-DD, kept at the precision it was given.</summary>
public sealed record ResumeDate(int Year, int? Month, int? Day)
{
    public static bool TryParse(string text, out ResumeDate? date)
    {
        date = null;
        var parts = text.Split('-');
        if (parts.Length is < 1 or > 3 || parts[0].Length != 4 || parts.Skip(1).Any(part => part.Length != 2)
            || !parts.All(part => part.All(char.IsAsciiDigit)))
        {
            return false;
        }

        var year = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int? month = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : null;
        int? day = parts.Length > 2 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : null;
        if (year < 1900 || month is < 1 or > 12 || (day is { } d && (d < 1 || d > DateTime.DaysInMonth(year, month!.Value))))
        {
            return false;
        }

        date = new ResumeDate(year, month, day);
        return true;
    }

    /// <summary>"2021", "2021-03" or "2021-03-07": the form the JSON Resume schema writes.</summary>
    public string Iso => (Month, Day) switch
    {
        ({ } month, { } day) => $"{Year:D4}-{month:D2}-{day:D2}",
        ({ } month, null) => $"{Year:D4}-{month:D2}",
        _ => $"{Year:D4}",
    };

    /// <summary>"2021" or "Mar 2021": how resumes show dates.</summary>
    public override string ToString() => Month is { } month
        ? $"{CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(month)} {Year}"
        : Year.ToString(CultureInfo.InvariantCulture);
}
