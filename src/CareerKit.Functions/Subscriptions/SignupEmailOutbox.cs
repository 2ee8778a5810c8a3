using System.Collections.Concurrent;
using CareerKit.Email;

namespace CareerKit.Subscriptions;

/// <summary>
/// The sign-up emails owed to subscribers, kept in their rows. A sign-up writes the email it owes into the row in the
/// same write that stores the sign-up, so a stored sign-up is never without its email, and claims it there for
/// <see cref="ClaimLease"/>. The holder of the claim (the sign-up itself, or the sweep when the sign-up could not)
/// sends it and clears it once SendGrid has it. A send that fails gives the claim back; a claim nobody gives back
/// (storage down, the process gone) runs out, and the sweep sends the email then.
/// <para>
/// Exactly once, but for one case chosen on purpose: when SendGrid's answer is lost (a timeout, a connection broken
/// after the request went out), nobody knows whether the email went. The claim is left to run out and the sweep sends
/// it again: a rare second confirmation is harmless (either link confirms, and confirming twice keeps one
/// subscriber), while a lost one silently loses the sign-up.
/// </para>
/// </summary>
public sealed partial class SignupEmailOutbox(
    SubscriberStore store,
    SubscriptionEmails emails,
    IEmailSender sender,
    TimeProvider time,
    ILogger<SignupEmailOutbox> logger)
{
    /// <summary>
    /// Longer than a send can take (SendGrid requests give up after 25 s), so nobody sends an email its holder is still
    /// sending; an email whose sender failed without giving the claim back waits this long, plus a sweep, for the sweep.
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    // Sent while storage was down, so the claim could not be cleared: cleared as soon as storage answers, and always
    // before this instance sweeps, so the sweep does not send them again.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sentNotCleared = new(StringComparer.Ordinal);

    /// <summary>The subscriber, to be written owing the sign-up email that fits its status, claimed by the writer.</summary>
    public static Subscriber Owe(Subscriber subscriber, DateTimeOffset now) => subscriber with
    {
        EmailOwed = subscriber.Status == SubscriberStatus.Confirmed ? SignupEmail.AlreadySubscribed : SignupEmail.Confirmation,
        // Whole seconds: the claim is compared after a round trip through storage.
        EmailClaimedUntil = new DateTimeOffset((now + ClaimLease).UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero),
    };

    /// <summary>True when nobody holds the owed email: its claim was given back or ran out.</summary>
    public static bool IsUnclaimed(Subscriber subscriber, DateTimeOffset now) => subscriber.EmailClaimedUntil is not { } until || until <= now;

    /// <summary>Sends the email a subscriber the caller has just claimed is owed, and clears it.</summary>
    /// <exception cref="EmailProviderUnavailableException">Not sent, or perhaps sent: either way the outbox still has it.</exception>
    public async Task SendAsync(Subscriber claimed)
    {
        try
        {
            var email = claimed.EmailOwed == SignupEmail.AlreadySubscribed ? emails.AlreadySubscribed(claimed) : emails.Confirmation(claimed);
            // Not the request's token: once claimed, the email goes out even if the person closes the page.
            await sender.SendAsync(email, CancellationToken.None);
        }
        catch (EmailProviderUnavailableException unknown) when (unknown.OutcomeUnknown)
        {
            LogOutcomeUnknown(logger, claimed.Id);
            throw;
        }
        catch (Exception)
        {
            // Every other failure: nothing went out, so a retry or the sweep may send it at once.
            await SettleAsync(claimed.Id, claimed.EmailClaimedUntil!.Value, sent: false);
            throw;
        }

        await SettleAsync(claimed.Id, claimed.EmailClaimedUntil!.Value, sent: true);
    }

    /// <summary>Sends every owed email nobody holds (the timer function's work), after clearing what this instance sent.</summary>
    public async Task<(int Sent, int Dropped)> SweepAsync(CancellationToken cancellationToken)
    {
        await ClearSentAsync(cancellationToken);
        var now = time.GetUtcNow();
        var (sent, dropped) = (0, 0);
        foreach (var owed in await store.OwedEmailAsync(cancellationToken))
        {
            if (!IsUnclaimed(owed, now))
            {
                continue;
            }

            if (!StillFits(owed))
            {
                // Confirmed, gone or suppressed since the sign-up: the email would be wrong now.
                dropped += await store.TryReplaceAsync(owed with { EmailOwed = null, EmailClaimedUntil = null }, cancellationToken) is null ? 0 : 1;
                continue;
            }

            if (await store.TryReplaceAsync(Owe(owed, now), cancellationToken) is not { } claimed)
            {
                continue; // A sign-up of the address took it a moment ago.
            }

            try
            {
                await SendAsync(claimed);
                sent++;
            }
            catch (EmailProviderUnavailableException)
            {
                LogSweepStopped(logger);
                break; // SendGrid is down: the next sweep tries again.
            }
        }

        return (sent, dropped);
    }

    /// <summary>Clears the emails this instance sent while storage was down.</summary>
    public async Task ClearSentAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, claim) in _sentNotCleared)
        {
            await store.UpdateAsync(id, current => Settled(current, claim, sent: true), cancellationToken);
            _sentNotCleared.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, claim));
        }
    }

    private static bool StillFits(Subscriber subscriber) => subscriber.Email is not null && subscriber.Status == (subscriber.EmailOwed == SignupEmail.AlreadySubscribed
        ? SubscriberStatus.Confirmed
        : SubscriberStatus.Pending);

    /// <summary>Clears the owed email (sent) or gives its claim back (not sent), unless someone else claimed it since.</summary>
    private static Subscriber Settled(Subscriber current, DateTimeOffset claim, bool sent) => current.EmailClaimedUntil == claim
        ? current with { EmailOwed = sent ? null : current.EmailOwed, EmailClaimedUntil = null }
        : current;

    private async Task SettleAsync(string id, DateTimeOffset claim, bool sent)
    {
        try
        {
            await store.UpdateAsync(id, current => Settled(current, claim, sent), CancellationToken.None);
        }
        catch (Exception failure)
        {
            // Whatever went wrong here must not hide what happened to the email: it went out (cleared later),
            // or it did not (the claim runs out, and the sweep sends it).
            if (sent)
            {
                _sentNotCleared[id] = claim;
                LogClearingDeferred(logger, id, failure.GetType().Name);
            }
            else
            {
                LogReleaseFailed(logger, id, failure.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid's answer to the sign-up email of subscriber {SubscriberId} was lost; unless cleared, the outbox sends it again when its claim runs out")]
    private static partial void LogOutcomeUnknown(ILogger logger, string subscriberId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-up email of subscriber {SubscriberId} sent, but storage failed ({ExceptionType}); it is marked sent when storage answers")]
    private static partial void LogClearingDeferred(ILogger logger, string subscriberId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give back the email claim of subscriber {SubscriberId} ({ExceptionType}); the outbox sends the email when the claim runs out")]
    private static partial void LogReleaseFailed(ILogger logger, string subscriberId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The email provider is unavailable; the sign-up email sweep stops and the next one tries again")]
    private static partial void LogSweepStopped(ILogger logger);
}
