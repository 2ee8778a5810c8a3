using System.Globalization;

namespace CareerKit.Newsletter;

/// <summary>
/// One week's email for one track. Its HTML and text hold placeholders for the per-recipient values, so an
/// edition is rendered once and personalised per recipient by substitution.
/// </summary>
public sealed record Edition(string Id, string Track, string IsoWeek, string Subject, string Preheader, IReadOnlyList<string> TipIds, string Html, string Text)
{
    /// <summary>"2026-W48-ml": one edition per track and ISO week.</summary>
    public static string IdFor(string track, DateTimeOffset when) => $"{IsoWeekOf(when)}-{track}";

    public static string IsoWeekOf(DateTimeOffset when) =>
        $"{ISOWeek.GetYear(when.UtcDateTime):D4}-W{ISOWeek.GetWeekOfYear(when.UtcDateTime):D2}";
}

/// <summary>What differs between recipients of one edition.</summary>
public sealed record Recipient(string? FirstName, string UnsubscribeUrl, string PreferencesUrl);
