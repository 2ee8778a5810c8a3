using System.Collections.Concurrent;
using CareerKit.Email;
using CareerKit.Newsletter;
using Microsoft.Extensions.Options;

namespace CareerKit.Subscriptions;

/// <summary>
/// The sign-up emails owed to subscribers, kept in their rows. A sign-up writes the email it owes into the row in the
/// same write that stores the sign-up (and a confirmation its welcome email in the write that confirms), so a stored
/// sign-up is never without its email, and claims it there for
/// <see cref="ClaimLease"/>. The holder of the claim (the sign-up itself, or the sweep when the sign-up could not)
/// sends it and clears it once SendGrid has it. A send that fails gives the claim back; a claim nobody gives back
/// (storage down, the process gone) runs out, and the sweep sends the email then, unless SendGrid reported it.
/// <para>
/// When SendGrid's answer is lost (a timeout, a connection broken after the request went out), nobody knows whether
/// the email went: the row records so, and nobody sends it until SendGrid's event webhook settles it (each email
/// carries its <see cref="Subscriber.OwedEmailId"/>, and any event for it proves SendGrid took it, see
/// <see cref="SendReceipts"/>) or CareerKit:UnknownOutcomeWindow has passed. After the window the email is sent
/// again, whatever CareerKit:UnknownOutcome says: "hold" protects the weekly email, where a duplicate costs more trust
/// than a missed week, but a person who asked for a confirmation and got none cannot subscribe at all, while a second
/// confirmation half an hour later is a small nuisance (either link confirms). Without the webhook
/// (SendGrid:WebhookPublicKey unset) no event can come, so waiting would only delay the email: it is sent again when
/// the claim runs out.
/// </para>
/// </summary>
public sealed partial class SignupEmailOutbox(
    SubscriberStore store,
    SubscriptionEmails emails,
    IEmailSender sender,
    SendReceipts receipts,
    CuratedTips tips,
    IOptions<UnknownOutcomeOptions> unknownOutcome,
    IOptions<SendGridOptions> sendGrid,
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

    /// <summary>What a sweep did: sent, dropped (no longer fitting), confirmed by SendGrid's events, or left waiting for them.</summary>
    public readonly record struct SweepResult(int Sent, int Dropped, int Confirmed, int AwaitingEvents);

    /// <summary>
    /// The subscriber, to be written owing <paramref name="email"/> (by default: an email it owes already that still
    /// fits, else the sign-up email that fits its status), claimed by the writer. The same email owed again keeps its
    /// id, so SendGrid's event for an earlier attempt still settles it; another email gets its own.
    /// </summary>
    public static Subscriber Owe(Subscriber subscriber, DateTimeOffset now, SignupEmail? email = null)
    {
        var owed = email
            ?? (subscriber.EmailOwed is { } already && StillFits(subscriber) ? already
                : subscriber.Status == SubscriberStatus.Confirmed ? SignupEmail.AlreadySubscribed : SignupEmail.Confirmation);
        return subscriber with
        {
            EmailOwed = owed,
            // Whole seconds: the claim is compared after a round trip through storage.
            EmailClaimedUntil = new DateTimeOffset((now + ClaimLease).UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero),
            OwedEmailId = subscriber.EmailOwed == owed && subscriber.OwedEmailId is { } id ? id : Guid.NewGuid().ToString("N"),
            EmailOutcomeUnknownSince = null,
        };
    }

    /// <summary>True when anyone may send the owed email now: nobody holds it, and no attempt at it may have gone out.</summary>
    public static bool IsFree(Subscriber subscriber, DateTimeOffset now) => IsUnclaimed(subscriber, now) && subscriber.EmailOutcomeUnknownSince is null;

    /// <summary>True when nobody holds the owed email: its claim was given back or ran out.</summary>
    private static bool IsUnclaimed(Subscriber subscriber, DateTimeOffset now) => subscriber.EmailClaimedUntil is not { } until || until <= now;

    /// <summary>Sends the email a subscriber the caller has just claimed is owed, and clears it.</summary>
    /// <exception cref="EmailProviderUnavailableException">Not sent, or perhaps sent: either way the outbox still has it.</exception>
    public async Task SendAsync(Subscriber claimed)
    {
        try
        {
            var email = claimed.EmailOwed switch
            {
                SignupEmail.AlreadySubscribed => emails.AlreadySubscribed(claimed),
                SignupEmail.Welcome => emails.Welcome(claimed, (await tips.CurrentAsync(CancellationToken.None)).Active),
                _ => emails.Confirmation(claimed),
            };
            // Names this email (never the address) in SendGrid's events, which settle an attempt whose answer was lost.
            var named = email with { CustomArgs = new Dictionary<string, string>(email.CustomArgs) { [WebhookEvent.SignupEmailIdArg] = claimed.OwedEmailId! } };
            // Not the request's token: once claimed, the email goes out even if the person closes the page.
            await sender.SendAsync(named, CancellationToken.None);
        }
        catch (EmailProviderUnavailableException unknown) when (unknown.OutcomeUnknown)
        {
            await RecordOutcomeUnknownAsync(claimed.Id, claimed.EmailClaimedUntil!.Value);
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

    /// <summary>
    /// Sends every owed email nobody holds (the timer function's work), after clearing what this instance sent. An
    /// email that may have gone out already is settled by SendGrid's event if there is one, and otherwise waits for
    /// the end of the unknown-outcome window.
    /// </summary>
    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        await ClearSentAsync(cancellationToken);
        var now = time.GetUtcNow();
        var result = new SweepResult();
        foreach (var owed in await store.OwedEmailAsync(cancellationToken))
        {
            if (!IsUnclaimed(owed, now))
            {
                continue;
            }

            if (!StillFits(owed))
            {
                // Confirmed, gone or suppressed since the sign-up: the email would be wrong now.
                result = result with { Dropped = result.Dropped + await ClearAsync(owed, cancellationToken) };
                continue;
            }

            // A claim that ran out without being given back, or a lost answer: the email may have gone.
            var mayHaveGone = owed.EmailClaimedUntil is not null || owed.EmailOutcomeUnknownSince is not null;
            if (mayHaveGone && owed.OwedEmailId is { } emailId
                && await receipts.AnyForAsync(SendReceipts.SignupEmailPartition(emailId), [owed.Id], cancellationToken))
            {
                LogConfirmedByEvent(logger, owed.Id);
                result = result with { Confirmed = result.Confirmed + await ClearAsync(owed, cancellationToken) };
                continue;
            }

            if (owed.EmailOutcomeUnknownSince is { } since && now < since + UnknownOutcomeWindow)
            {
                result = result with { AwaitingEvents = result.AwaitingEvents + 1 };
                continue;
            }

            if (await store.TryReplaceAsync(Owe(owed, now), cancellationToken) is not { } claimed)
            {
                continue; // A sign-up of the address took it a moment ago.
            }

            if (owed.EmailOutcomeUnknownSince is not null)
            {
                LogResending(logger, owed.Id, UnknownOutcomeWindow);
            }

            try
            {
                await SendAsync(claimed);
                result = result with { Sent = result.Sent + 1 };
            }
            catch (EmailProviderUnavailableException)
            {
                LogSweepStopped(logger);
                break; // SendGrid is down: the next sweep tries again.
            }
        }

        return result;
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

    /// <summary>How long an email whose answer was lost waits for SendGrid's event; no wait when no event can come (no webhook key).</summary>
    private TimeSpan UnknownOutcomeWindow => string.IsNullOrWhiteSpace(sendGrid.Value.WebhookPublicKey) ? TimeSpan.Zero : unknownOutcome.Value.UnknownOutcomeWindow;

    /// <returns>1 when the owed email was cleared, 0 when the row changed first (the next sweep looks again).</returns>
    private async Task<int> ClearAsync(Subscriber owed, CancellationToken cancellationToken) =>
        await store.TryReplaceAsync(Cleared(owed), cancellationToken) is null ? 0 : 1;

    private static Subscriber Cleared(Subscriber subscriber) =>
        subscriber with { EmailOwed = null, EmailClaimedUntil = null, OwedEmailId = null, EmailOutcomeUnknownSince = null };

    private static bool StillFits(Subscriber subscriber) => subscriber.Email is not null && subscriber.Status == (subscriber.EmailOwed is SignupEmail.AlreadySubscribed or SignupEmail.Welcome
        ? SubscriberStatus.Confirmed
        : SubscriberStatus.Pending);

    /// <summary>Clears the owed email (sent) or gives its claim back (not sent), unless someone else claimed it since.</summary>
    private static Subscriber Settled(Subscriber current, DateTimeOffset claim, bool sent) => current.EmailClaimedUntil == claim
        ? sent ? Cleared(current) : current with { EmailClaimedUntil = null }
        : current;

    /// <summary>
    /// Records that the claimed attempt may have gone out. The claim stays until it runs out, so neither a retry nor
    /// the sweep sends before then; should this write fail, the claim runs out unmarked and the sweep still looks for
    /// SendGrid's event before it sends.
    /// </summary>
    private async Task RecordOutcomeUnknownAsync(string id, DateTimeOffset claim)
    {
        var now = time.GetUtcNow();
        try
        {
            await store.UpdateAsync(id, current => current.EmailClaimedUntil == claim && current.EmailOutcomeUnknownSince is null
                ? current with { EmailOutcomeUnknownSince = now }
                : current, CancellationToken.None);
            LogOutcomeUnknown(logger, id, UnknownOutcomeWindow);
        }
        catch (Exception failure)
        {
            LogOutcomeUnknownNotRecorded(logger, id, failure.GetType().Name);
        }
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid's answer to the sign-up email of subscriber {SubscriberId} was lost; nothing is sent again until SendGrid reports it or {Window} has passed")]
    private static partial void LogOutcomeUnknown(ILogger logger, string subscriberId, TimeSpan window);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid's answer to the sign-up email of subscriber {SubscriberId} was lost and storage failed recording so ({ExceptionType}); when the claim runs out, the outbox sends it again unless SendGrid reported it")]
    private static partial void LogOutcomeUnknownNotRecorded(ILogger logger, string subscriberId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "The sign-up email of subscriber {SubscriberId} went out: SendGrid reported it after its answer was lost; nothing is sent again")]
    private static partial void LogConfirmedByEvent(ILogger logger, string subscriberId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid reported no event for the sign-up email of subscriber {SubscriberId} within {Window} of its lost answer; sending it again, as a lost confirmation would lose the sign-up")]
    private static partial void LogResending(ILogger logger, string subscriberId, TimeSpan window);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-up email of subscriber {SubscriberId} sent, but storage failed ({ExceptionType}); it is marked sent when storage answers")]
    private static partial void LogClearingDeferred(ILogger logger, string subscriberId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give back the email claim of subscriber {SubscriberId} ({ExceptionType}); the outbox sends the email when the claim runs out")]
    private static partial void LogReleaseFailed(ILogger logger, string subscriberId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The email provider is unavailable; the sign-up email sweep stops and the next one tries again")]
    private static partial void LogSweepStopped(ILogger logger);
}
