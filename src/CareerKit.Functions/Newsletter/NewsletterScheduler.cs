using Cronos;
using CareerKit.Hosting;

namespace CareerKit.Newsletter;

/// <summary>
/// Standalone only: the local stand-in for the Functions host's timer. Fires WeeklyTips on
/// NEWSLETTER_SCHEDULE (NCRONTAB with seconds, UTC), calling the same handler the host would invoke.
/// </summary>
public sealed partial class NewsletterScheduler(IServiceProvider services, IConfiguration configuration, TimeProvider time, ILogger<NewsletterScheduler> logger) : BackgroundService
{
    public const string ScheduleSetting = "NEWSLETTER_SCHEDULE";
    public const string DefaultSchedule = "0 0 9 * * Mon";

    /// <summary>"false" turns the local scheduler and queue poller off (tests drive the triggers themselves).</summary>
    public const string EnabledSetting = "CareerKit:LocalScheduler";

    public static CronExpression Schedule(IConfiguration configuration) =>
        CronExpression.Parse(configuration[ScheduleSetting] is { Length: > 0 } schedule ? schedule : DefaultSchedule, CronFormat.IncludeSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ListeningAddress.IsUnderFunctionsHost(configuration) || configuration[EnabledSetting] == "false")
        {
            return; // The host runs the timer (as a singleton across instances), or nobody should.
        }

        var schedule = Schedule(configuration);
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
            await RunAsync(pastDue: started - next > TimeSpan.FromMinutes(1), stoppingToken);

            // Go on from this occurrence, so one that falls due while this run works is not skipped; after a
            // long outage, go on from the start of this run, so missed occurrences make one past-due run, as the host does.
            from = schedule.GetNextOccurrence(next, TimeZoneInfo.Utc) is { } following && following < started ? started : next;
        }
    }

    private async Task RunAsync(bool pastDue, CancellationToken stoppingToken)
    {
        try
        {
            using var scope = services.CreateScope();
            var request = new InvocationRequest(
                new Dictionary<string, System.Text.Json.JsonElement> { ["timer"] = System.Text.Json.JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["IsPastDue"] = pastDue }) },
                []);
            var response = await FunctionInvocations.RunWeeklyTipsAsync(
                request, scope.ServiceProvider.GetRequiredService<WeeklyTips>(), scope.ServiceProvider.GetRequiredService<CuratedTips>(), time, stoppingToken);
            LogRan(logger, response.Logs[0]);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogFailed(logger, failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled run: {Summary}")]
    private static partial void LogRan(ILogger logger, string summary);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled WeeklyTips run failed; the next occurrence will try again")]
    private static partial void LogFailed(ILogger logger, Exception failure);
}

internal static class NewsletterRegistration
{
    public static IServiceCollection AddNewsletter(this IServiceCollection services)
    {
        services.AddSingleton(_ => new CuratedTips(TipLibrary.DefaultFolder));
        services.AddSingleton(provider => new EditionComposer(provider.GetRequiredService<Rendering.TemplateLibrary>()));
        services.AddSingleton<EditionStore>();
        services.AddSingleton<SendQueue>();
        services.AddSingleton<WeeklyTips>();
        services.AddSingleton<SendBatch>();
        services.AddSingleton<EditionRecipients>();
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<SendReceipts>();
        services.AddHostedService<NewsletterScheduler>();
        services.AddHostedService<SendQueuePoller>();
        return services;
    }
}
