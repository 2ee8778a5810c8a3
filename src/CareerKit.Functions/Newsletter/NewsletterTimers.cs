using Microsoft.Azure.Functions.Worker;

namespace CareerKit.Newsletter;

/// <summary>The newsletter's timer functions: the weekly edition, and editors' scheduled editions as they fall due.</summary>
public sealed partial class NewsletterTimers(WeeklyTips weekly, CuratedTips tips, DispatchScheduled dispatch, TimeProvider time, ILogger<NewsletterTimers> logger)
{
    public const string WeeklyTipsFunction = "WeeklyTips";
    public const string DispatchScheduledFunction = "DispatchScheduled";
    public const string WeeklyScheduleSetting = "NEWSLETTER_SCHEDULE";
    public const string DefaultWeeklySchedule = "0 0 9 * * Mon";
    public const string DispatchScheduleSetting = "DISPATCH_SCHEDULE";
    public const string DefaultDispatchSchedule = "0 * * * * *";

    [Function(WeeklyTipsFunction)]
    public async Task WeeklyTipsAsync([TimerTrigger("%" + WeeklyScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await weekly.RunAsync(time.GetUtcNow(), (await tips.CurrentAsync(cancellationToken)).Active, cancellationToken);
        LogWeekly(logger, timer.IsPastDue ? " (past due)" : "", result.Composed.Count, result.Queued.Count, result.Batches, result.Recipients, result.AlreadyDone.Count, result.Blocked.Count);
    }

    [Function(DispatchScheduledFunction)]
    public async Task DispatchScheduledAsync([TimerTrigger("%" + DispatchScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var started = await dispatch.RunAsync(time.GetUtcNow(), cancellationToken);
        if (started.Count > 0)
        {
            LogDispatched(logger, started.Count, string.Join(", ", started));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WeeklyTips{PastDue}: composed {Composed}, queued {Queued} edition(s) in {Batches} batch(es) for {Recipients} recipient(s); already done: {AlreadyDone}; stopped by the send gate: {Blocked}")]
    private static partial void LogWeekly(ILogger logger, string pastDue, int composed, int queued, int batches, int recipients, int alreadyDone, int blocked);

    [LoggerMessage(Level = LogLevel.Information, Message = "DispatchScheduled: started {Count} edition(s): {Editions}")]
    private static partial void LogDispatched(ILogger logger, int count, string editions);
}
