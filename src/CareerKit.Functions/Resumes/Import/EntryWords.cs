using System.Text.RegularExpressions;

namespace CareerKit.Resumes.Import;

/// <summary>
/// Tells a position from an organisation, and a degree from a school, by their words, for layouts that print both on
/// one line or put the position first: "Senior ML Engineer" has a title word, "Acme GmbH" an organisation word.
/// </summary>
public static partial class EntryWords
{
    /// <summary>How much more the text reads as the detail (position, degree) than as the main part (organisation, school).</summary>
    public static int DetailScore(string section, string text) => section == "education"
        ? Degree().Matches(text).Count - School().Matches(text).Count
        : Title().Matches(text).Count - Organisation().Matches(text).Count;

    [GeneratedRegex(@"\b(engineer|engineering manager|developer|programmer|manager|director|lead|head|scientist|analyst|consultant|designer|architect|intern|internship|founder|co-founder|cofounder|ceo|cto|cfo|coo|vp|vice president|president|officer|specialist|researcher|assistant|associate|professor|lecturer|teacher|tutor|student|administrator|coordinator|technician|owner|partner|advisor|adviser|editor|writer|chief|principal|senior|junior|staff|fellow|volunteer|member|mentor|trainee|apprentice|contractor|freelance|freelancer|maintainer|contributor|sre|devops|evangelist|advocate|representative|supervisor|chair|organi[sz]er|instructor|postdoc|ingénieur|développeur|chef)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Title();

    [GeneratedRegex(@"\b(inc|llc|ltd|gmbh|corp|corporation|company|co|labs?|technologies|group|bank|ag|sa|plc|university|college|institute|agency|studio|foundation|association|council|hospital|school|ventures|partners)\b\.?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Organisation();

    [GeneratedRegex(@"\b(bachelor|bachelors|bachelor's|master|masters|master's|phd|ph\.d|doctor|doctorate|b\.?sc|m\.?sc|b\.?a|b\.?s|m\.?s|m\.?a|mba|b\.?eng|m\.?eng|diploma|degree|associate|certificate|a-levels|gcse|licen[cs]e|licenciatura|minor|major|high school)\b|\bin\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Degree();

    [GeneratedRegex(@"\b(university|universit[yéä]t?|college|school|institute|academy|polytechnic|hochschule|[ée]cole|lyc[ée]e|gymnasium|campus)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex School();
}
