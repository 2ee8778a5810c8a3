using Microsoft.Azure.Functions.Worker;

namespace CareerKit.Hosting.Standalone;

/// <summary>
/// Standalone stand-in for the host's timer trigger: each timer function fires on its schedule with a TimerInfo.
/// Like the host's schedule monitor (UseMonitor, on by default), an occurrence missed while the app was down runs once
/// at start with IsPastDue = true; RunOnStartup runs it at start as well.
/// </summary>
public sealed partial class TimerScheduler(TimerSchedules schedules, ScheduleStatusStore statuses, IServiceProvider services, TimeProvider time, ILogger<TimerScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(schedules.All.Select(schedule => RunAsync(schedule, stoppingToken)));

    private async Task RunAsync(TimerSchedule schedule, CancellationToken stoppingToken)
    {
        var name = schedule.Function.Name;
        var attribute = schedule.Function.Timer!;
        var status = attribute.UseMonitor ? await statuses.ReadAsync(name, stoppingToken) : null;
        var now = time.GetUtcNow();
        if (status is { Next: var missed } && missed < now)
        {
            await FireAsync(schedule, status, pastDue: true, stoppingToken);
        }
        else if (attribute.RunOnStartup)
        {
            await FireAsync(schedule, status, pastDue: false, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested && schedule.NextAfter(time.GetUtcNow()) is { } next)
        {
            var last = status?.Last ?? default;
            status = new ScheduleStatus { Last = last, Next = next.UtcDateTime, LastUpdated = time.GetUtcNow().UtcDateTime };
            if (attribute.UseMonitor)
            {
                await statuses.WriteAsync(name, status, stoppingToken);
            }

            var wait = next - time.GetUtcNow();
            LogWaiting(logger, name, next);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken);
            }

            status = new ScheduleStatus { Last = next.UtcDateTime, Next = schedule.NextAfter(next)?.UtcDateTime ?? default, LastUpdated = time.GetUtcNow().UtcDateTime };
            await FireAsync(schedule, status, pastDue: false, stoppingToken);
        }
    }

    private async Task FireAsync(TimerSchedule schedule, ScheduleStatus? status, bool pastDue, CancellationToken stoppingToken)
    {
        var timer = new TimerInfo { ScheduleStatus = status, IsPastDue = pastDue };
        try
        {
            await using var scope = services.CreateAsyncScope();
            await FunctionInvoker.InvokeAsync(schedule.Function, scope.ServiceProvider, timer, http: null, stoppingToken);
            LogRan(logger, schedule.Function.Name, pastDue);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // As under the host: a failed run is logged and the next occurrence comes as scheduled.
            LogFailed(logger, schedule.Function.Name, failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer {Function} waits for {Next:O}")]
    private static partial void LogWaiting(ILogger logger, string function, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Function} ran (past due: {PastDue})")]
    private static partial void LogRan(ILogger logger, string function, bool pastDue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Function} failed; the next occurrence runs as scheduled")]
    private static partial void LogFailed(ILogger logger, string function, Exception failure);
}
