using System.Globalization;

namespace CareerKit.Newsletter;

/// <summary>
/// One week's email for one track. Its HTML and text hold placeholders for the per-recipient values, so an
/// edition is rendered once and personalised per recipient by substitution.
/// </summary>
public sealed partial record Edition(string Id, Track Track, string IsoWeek, string Subject, string Preheader, IReadOnlyList<string> TipIds, string Html, string Text)
{
    /// <summary>"2026-W48-ml": one edition per track and ISO week.</summary>
    public static string IdFor(Track track, DateTimeOffset when) => $"{IsoWeekOf(when)}-{track.Code()}";

    public static string IsoWeekOf(DateTimeOffset when) =>
        $"{ISOWeek.GetYear(when.UtcDateTime):D4}-W{ISOWeek.GetWeekOfYear(when.UtcDateTime):D2}";

    /// <summary>Reads "2026-W48-ml" back into its ISO week and track; false for anything else.</summary>
    public static bool TryParseId(string? id, out string isoWeek, out Track track)
    {
        (isoWeek, track) = ("", Track.Both);
        var match = id is { Length: <= 20 } ? IdPattern().Match(id) : System.Text.RegularExpressions.Match.Empty;
        if (!match.Success
            || !Tracks.TryFromCode(match.Groups["track"].Value, out var parsed)
            || int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) is not (>= 1 and var year)
            || int.Parse(match.Groups["week"].Value, CultureInfo.InvariantCulture) is not (>= 1 and var week)
            || week > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        (isoWeek, track) = ($"{match.Groups["year"].Value}-W{match.Groups["week"].Value}", parsed);
        return true;
    }

    /// <summary>The Monday that starts an ISO week such as "2026-W48".</summary>
    public static DateTimeOffset MondayOf(string isoWeek) => new(
        ISOWeek.ToDateTime(int.Parse(isoWeek[..4], CultureInfo.InvariantCulture), int.Parse(isoWeek[6..], CultureInfo.InvariantCulture), DayOfWeek.Monday), TimeSpan.Zero);

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<year>\d{4})-W(?<week>\d{2})-(?<track>[a-z]{2,4})$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex IdPattern();
}

/// <summary>What differs between recipients of one edition.</summary>
public sealed record Recipient(string? FirstName, string UnsubscribeUrl, string PreferencesUrl);
