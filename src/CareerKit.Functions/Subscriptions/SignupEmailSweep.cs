using CareerKit.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace CareerKit.Subscriptions;

/// <summary>The SignupEmails timer: sends the sign-up emails a sign-up owes but could not send itself (see <see cref="SignupEmailOutbox"/>).</summary>
public sealed partial class SignupEmailSweep(SignupEmailOutbox outbox, ILogger<SignupEmailSweep> logger)
{
    public const string Name = "SignupEmails";

    /// <summary>Every minute, half a minute after the dispatcher.</summary>
    public const string Cron = "30 * * * * *";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Cron)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var swept = await outbox.SweepAsync(cancellationToken);
        LogSwept(logger, swept.Sent, swept.Dropped, swept.Confirmed, swept.AwaitingEvents);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SignupEmails: sent {Sent} owed sign-up email(s), dropped {Dropped} that no longer fit, {Confirmed} found sent by SendGrid's events, {Awaiting} awaiting them")]
    private static partial void LogSwept(ILogger logger, int sent, int dropped, int confirmed, int awaiting);
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
