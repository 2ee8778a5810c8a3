using Cronos;

namespace CareerKit.Hosting.Standalone;

/// <summary>A timer function's schedule as the host reads it: %SETTING% resolved, NCRONTAB with seconds (or five fields), UTC.</summary>
public sealed record TimerSchedule(FunctionDeclaration Function, string Expression, CronExpression Cron)
{
    public DateTimeOffset? NextAfter(DateTimeOffset instant) => Cron.GetNextOccurrence(instant, TimeZoneInfo.Utc);
}

/// <summary>Every timer function's schedule, resolved once at start (a missing or malformed setting stops the app, as it stops the host).</summary>
public sealed class TimerSchedules(FunctionCatalog catalog, AppSettings settings)
{
    public IReadOnlyList<TimerSchedule> All { get; } = catalog.All
        .Where(function => function.Timer is not null)
        .Select(function =>
        {
            var expression = settings.Resolve(function.Timer!.Schedule);
            var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            // The host's TimeSpan form ("00:05:00") is App Service only; Flex Consumption takes CRON, so only CRON is read here.
            var cron = CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return new TimerSchedule(function, expression, cron);
        })
        .ToArray();
}
