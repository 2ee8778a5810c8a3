using Cronos;
using CareerKit.Hosting;
using CareerKit.Newsletter;

namespace CareerKit.Subscriptions;

/// <summary>Standalone only: the SignupEmails timer function on its schedule (under the host, functions/SignupEmails runs it).</summary>
public sealed class SignupEmailSweep(IServiceProvider services, IConfiguration configuration, TimeProvider time, ILogger<SignupEmailSweep> logger)
    : LocalTimer(services, configuration, time, logger)
{
    /// <summary>As functions/SignupEmails/function.json: every minute, half a minute after the dispatcher.</summary>
    public const string Cron = "30 * * * * *";

    protected override string Name => FunctionInvocations.SignupEmailsFunction;

    protected override CronExpression Schedule { get; } = CronExpression.Parse(Cron, CronFormat.IncludeSeconds);

    protected override async Task<string> RunAsync(IServiceProvider scoped, InvocationRequest request, TimeProvider clock, CancellationToken cancellationToken) =>
        (await FunctionInvocations.RunSignupEmailsAsync(request, scoped.GetRequiredService<SignupEmailOutbox>(), cancellationToken)).Logs[0];
}

/// <summary>
/// Clears, as soon as storage answers again, the sign-up emails this instance sent while storage was down. The sweep
/// does so too, but under the Functions host it may run on another instance, which would send them again once
/// their claims ran out.
/// </summary>
internal sealed partial class SentSignupEmailClearing(IServiceProvider services, ILogger<SentSignupEmailClearing> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Pacing on the real clock: plumbing, not the app's notion of time.
            await Task.Delay(Interval, TimeProvider.System, stoppingToken);
            try
            {
                // Resolved here, not when the host makes its services, so the start does not build the storage clients.
                await services.GetRequiredService<SignupEmailOutbox>().ClearSentAsync(stoppingToken);
            }
            catch (Exception failure) when (StorageFailure.IsOutage(failure, stoppingToken))
            {
                // Still down: next time.
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, failure); // Not a reason to stop the app: next time.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Marking sign-up emails sent failed; trying again")]
    private static partial void LogFailed(ILogger logger, Exception failure);
}
