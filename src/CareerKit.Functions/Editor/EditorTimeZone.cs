using System.Globalization;

namespace CareerKit.Editor;

/// <summary>
/// Times on editor pages are entered and shown in the editor's time zone (remembered in a cookie from their last
/// choice, UTC until then) and stored in UTC. Pages carry no script, so the zone is picked, not detected.
/// </summary>
public static class EditorTimeZone
{
    public const string Cookie = "careerkit-editor-tz";
    public const string Utc = "UTC";
    private const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    /// <summary>IANA zone names (Europe/Berlin), UTC first.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Utc, .. TimeZoneInfo.GetSystemTimeZones().Select(zone => zone.Id).Where(id => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public static string Of(HttpContext context) =>
        context.Request.Cookies[Cookie] is { } zone && All.Contains(zone) ? zone : Utc;

    public static void Remember(HttpContext context, string zone) =>
        context.Response.Cookies.Append(Cookie, zone, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/editor", MaxAge = TimeSpan.FromDays(365), Secure = context.Request.IsHttps });

    /// <summary>Reads a datetime-local value ("2026-12-01T09:00") in the named zone.</summary>
    public static bool TryParse(string? local, string? zone, out DateTimeOffset utc, out string error)
    {
        utc = default;
        if (zone is null || !All.Contains(zone))
        {
            error = "Pick a time zone from the list.";
            return false;
        }

        if (!DateTime.TryParseExact(local?.Trim(), [LocalFormat, "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock))
        {
            error = "Enter a date and time, like 2026-12-01T09:00.";
            return false;
        }

        var info = TimeZoneInfo.FindSystemTimeZoneById(zone);
        if (info.IsInvalidTime(wallClock))
        {
            error = $"{wallClock:yyyy-MM-dd HH:mm} does not exist in {zone}: the clocks go forward then. Pick another time.";
            return false;
        }

        utc = new DateTimeOffset(wallClock, info.GetUtcOffset(wallClock)).ToUniversalTime();
        error = "";
        return true;
    }

    /// <summary>"2026-12-01 09:00 Europe/Berlin (08:00 UTC)".</summary>
    public static string Show(DateTimeOffset utc, string zone)
    {
        var local = TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById(zone));
        return zone == Utc
            ? utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {zone} ({utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)";
    }

    /// <summary>The value for a datetime-local input.</summary>
    public static string ToLocalInput(DateTimeOffset utc, string zone) =>
        TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString(LocalFormat, CultureInfo.InvariantCulture);
}
