using System.Globalization;

namespace CareerKit.Newsletter;

/// <summary>The weekly send's schedule (NEWSLETTER_SCHEDULE, a six-field cron) in words for subscribers.</summary>
public static class WeeklySchedule
{
    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    /// <summary>"every Monday at 09:00 UTC" for a single weekly time; "once a week" for any schedule not that simple.</summary>
    public static string Describe(string? cron)
    {
        var fields = (cron ?? NewsletterTimers.DefaultWeeklySchedule).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is [_, var minute, var hour, "*", "*", var day]
            && int.TryParse(minute, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 0 and < 60
            && int.TryParse(hour, NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h is >= 0 and < 24
            && DayOf(day) is { } weekday)
        {
            return $"every {weekday} at {h:00}:{m:00} UTC";
        }

        return "once a week";
    }

    private static DayOfWeek? DayOf(string field)
    {
        if (int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 0 and <= 7)
        {
            return (DayOfWeek)(number % 7);
        }

        var index = Array.FindIndex(DayNames, name => field.StartsWith(name, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : (DayOfWeek)index;
    }
}
