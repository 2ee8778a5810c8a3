using Cronos;
using CareerKit.Hosting;
using Microsoft.Extensions.Options;

namespace CareerKit.Newsletter;

/// <summary>
/// Standalone only: the local stand-in for the Functions host's timers. Fires a timer function on its NCRONTAB
/// schedule (with seconds, UTC), calling the same handler the host would invoke.
/// </summary>
public abstract partial class LocalTimer(IServiceProvider services, IConfiguration configuration, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>"false" turns the local timers and queue poller off (tests drive the triggers themselves).</summary>
    public const string EnabledSetting = "CareerKit:LocalScheduler";

    protected abstract string Name { get; }

    protected abstract CronExpression Schedule { get; }

    /// <returns>The line the run logs.</returns>
    protected abstract Task<string> RunAsync(IServiceProvider scoped, InvocationRequest request, TimeProvider clock, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ListeningAddress.IsUnderFunctionsHost(configuration) || configuration[EnabledSetting] == "false")
        {
            return; // The host runs the timer (as a singleton across instances), or nobody should.
        }

        var schedule = Schedule;
        var from = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (schedule.GetNextOccurrence(from, TimeZoneInfo.Utc) is not { } next)
            {
                return;
            }

            var wait = next - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken);
            }

            var started = time.GetUtcNow();
            await FireAsync(pastDue: started - next > TimeSpan.FromMinutes(1), stoppingToken);

            // Go on from this occurrence, so one that falls due while this run works is not skipped; after a
            // long outage, go on from the start of this run, so missed occurrences make one past-due run, as the host does.
            from = schedule.GetNextOccurrence(next, TimeZoneInfo.Utc) is { } following && following < started ? started : next;
        }
    }

    private async Task FireAsync(bool pastDue, CancellationToken stoppingToken)
    {
        try
        {
            using var scope = services.CreateScope();
            var request = new InvocationRequest(
                new Dictionary<string, System.Text.Json.JsonElement> { ["timer"] = System.Text.Json.JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["IsPastDue"] = pastDue }) },
                []);
            LogRan(logger, Name, await RunAsync(scope.ServiceProvider, request, time, stoppingToken));
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogFailed(logger, Name, failure);
        }
    }

    protected static CronExpression Parse(IConfiguration configuration, string setting, string fallback) =>
        CronExpression.Parse(configuration[setting] is { Length: > 0 } schedule ? schedule : fallback, CronFormat.IncludeSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled {Timer} run: {Summary}")]
    private static partial void LogRan(ILogger logger, string timer, string summary);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled {Timer} run failed; the next occurrence will try again")]
    private static partial void LogFailed(ILogger logger, string timer, Exception failure);
}

/// <summary>WeeklyTips on NEWSLETTER_SCHEDULE.</summary>
public sealed class NewsletterScheduler(IServiceProvider services, IConfiguration configuration, TimeProvider time, ILogger<NewsletterScheduler> logger)
    : LocalTimer(services, configuration, time, logger)
{
    public const string ScheduleSetting = "NEWSLETTER_SCHEDULE";
    public const string DefaultSchedule = "0 0 9 * * Mon";

    protected override string Name => FunctionInvocations.WeeklyTipsFunction;

    protected override CronExpression Schedule { get; } = Parse(configuration, ScheduleSetting, DefaultSchedule);

    protected override async Task<string> RunAsync(IServiceProvider scoped, InvocationRequest request, TimeProvider clock, CancellationToken cancellationToken) =>
        (await FunctionInvocations.RunWeeklyTipsAsync(request, scoped.GetRequiredService<WeeklyTips>(), scoped.GetRequiredService<CuratedTips>(), clock, cancellationToken)).Logs[0];
}

/// <summary>DispatchScheduled on DISPATCH_SCHEDULE: starts editors' editions when they fall due.</summary>
public sealed class DispatchScheduler(IServiceProvider services, IConfiguration configuration, TimeProvider time, ILogger<DispatchScheduler> logger)
    : LocalTimer(services, configuration, time, logger)
{
    public const string ScheduleSetting = "DISPATCH_SCHEDULE";
    public const string DefaultSchedule = "0 * * * * *";

    protected override string Name => FunctionInvocations.DispatchScheduledFunction;

    protected override CronExpression Schedule { get; } = Parse(configuration, ScheduleSetting, DefaultSchedule);

    protected override async Task<string> RunAsync(IServiceProvider scoped, InvocationRequest request, TimeProvider clock, CancellationToken cancellationToken) =>
        (await FunctionInvocations.RunDispatchScheduledAsync(request, scoped.GetRequiredService<DispatchScheduled>(), clock, cancellationToken)).Logs[0];
}

internal static class NewsletterRegistration
{
    public static IServiceCollection AddNewsletter(this IServiceCollection services)
    {
        services.AddSingleton<TipShelf>();
        services.AddSingleton(provider => new CuratedTips(TipLibrary.DefaultFolder, provider.GetRequiredService<TipShelf>()));
        services.AddSingleton(provider => new EditionComposer(provider.GetRequiredService<Rendering.TemplateLibrary>()));
        services.AddSingleton<EditionStore>();
        services.AddSingleton<EditionGate>();
        services.AddSingleton<SendQueue>();
        services.AddSingleton<IValidateOptions<Storage.StorageOptions>, SendQueueNameValidator>();
        services.AddSingleton<WeeklyTips>();
        services.AddSingleton<SendBatch>();
        services.AddSingleton<SendLedger>();
        services.AddOptions<UnknownOutcomeOptions>().BindConfiguration(CareerKitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UnknownOutcomeOptions>, UnknownOutcomeOptionsAttributes>();
        services.AddSingleton<IValidateOptions<UnknownOutcomeOptions>, UnknownOutcomeOptionsValidator>();
        services.AddSingleton<EditionRecipients>();
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<EventLedger>();
        services.AddSingleton<SendReceipts>();
        services.AddSingleton<DispatchScheduled>();
        services.AddHostedService<NewsletterScheduler>();
        services.AddHostedService<DispatchScheduler>();
        services.AddHostedService<SendQueuePoller>();
        return services;
    }
}
