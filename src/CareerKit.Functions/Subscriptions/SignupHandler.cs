using CareerKit.Email;

namespace CareerKit.Subscriptions;

public enum SignupOutcome
{
    ConfirmationSent,
    AlreadySubscribedNoticeSent,
    /// <summary>An email went to this address less than the throttle window ago; none sent now.</summary>
    Throttled,
}

/// <summary>
/// Stores a pending subscriber and sends the confirmation email, at most one per address per
/// <see cref="EmailThrottle"/>. The right to send is claimed with an ETag-guarded write before
/// sending, so concurrent sign-ups of one address send one email; if sending fails the claim is
/// released, so a retry can send.
/// </summary>
public sealed partial class SignupHandler(
    SubscriberStore store,
    AddressHasher hasher,
    SubscriptionEmails emails,
    IEmailSender sender,
    TimeProvider time,
    ILogger<SignupHandler> logger)
{
    public static readonly TimeSpan EmailThrottle = TimeSpan.FromMinutes(15);

    public async Task<SignupOutcome> HandleAsync(SignupRequest request, CancellationToken cancellationToken)
    {
        var id = hasher.IdFor(request.Email);
        while (true)
        {
            // Most sign-ups are new addresses: try the insert first, one storage round trip.
            var now = time.GetUtcNow();
            var pending = Subscriber.StartPending(id, request, now) with { LastSignupEmailAt = now };
            if (await store.TryAddAsync(pending, cancellationToken) is { } added)
            {
                return await SendAsync(added, emails.Confirmation(added), SignupOutcome.ConfirmationSent, previousEmailAt: null, cancellationToken);
            }

            // The address is known (or another request stored it a moment ago): act on what is stored.
            if (await store.FindAsync(id, cancellationToken) is { } existing
                && await HandleKnownAsync(existing, request, now, cancellationToken) is { } outcome)
            {
                return outcome;
            }
        }
    }

    /// <returns>The outcome, or null when the subscriber changed under us and the caller should start again.</returns>
    private async Task<SignupOutcome?> HandleKnownAsync(Subscriber existing, SignupRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var mayEmail = existing.LastSignupEmailAt is not { } last || now - last >= EmailThrottle;
        var next = existing.Status switch
        {
            SubscriberStatus.Confirmed => existing,
            SubscriberStatus.Pending when mayEmail => existing with { FirstName = request.FirstName, Track = request.Track, ConsentedAt = now },
            // No email goes out, so no link could confirm new choices: keep what the sent link confirms.
            SubscriberStatus.Pending => existing,
            _ => Subscriber.StartPending(existing.Id, request, now) with { ETag = existing.ETag, LastSignupEmailAt = existing.LastSignupEmailAt },
        };
        if (mayEmail)
        {
            next = next with { LastSignupEmailAt = now };
        }

        var stored = existing;
        if (next != existing)
        {
            if (await store.TryReplaceAsync(next, cancellationToken) is not { } replaced)
            {
                return null;
            }

            stored = replaced;
        }

        if (!mayEmail)
        {
            LogThrottled(logger, existing.Id);
            Hosting.Telemetry.Signups.Add(1, new KeyValuePair<string, object?>("outcome", nameof(SignupOutcome.Throttled)));
            return SignupOutcome.Throttled;
        }

        return existing.Status == SubscriberStatus.Confirmed
            ? await SendAsync(stored, emails.AlreadySubscribed(stored), SignupOutcome.AlreadySubscribedNoticeSent, existing.LastSignupEmailAt, cancellationToken)
            : await SendAsync(stored, emails.Confirmation(stored), SignupOutcome.ConfirmationSent, existing.LastSignupEmailAt, cancellationToken);
    }

    private async Task<SignupOutcome> SendAsync(Subscriber claimed, EmailMessage email, SignupOutcome outcome, DateTimeOffset? previousEmailAt, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(email, cancellationToken);
        }
        catch (EmailProviderUnavailableException)
        {
            await ReleaseClaimAsync(claimed, previousEmailAt);
            throw;
        }

        LogSent(logger, outcome, claimed.Id);
        Hosting.Telemetry.Signups.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        return outcome;
    }

    /// <summary>Gives back the right to email, so the person's retry sends instead of being throttled.</summary>
    private async Task ReleaseClaimAsync(Subscriber claimed, DateTimeOffset? previousEmailAt)
    {
        try
        {
            await store.UpdateAsync(
                claimed.Id,
                current => current.LastSignupEmailAt == claimed.LastSignupEmailAt ? current with { LastSignupEmailAt = previousEmailAt } : current,
                CancellationToken.None);
        }
        catch (Exception failure) when (Hosting.StorageFailure.IsOutage(failure))
        {
            LogReleaseFailed(logger, claimed.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-up email {Outcome} for subscriber {SubscriberId}")]
    private static partial void LogSent(ILogger logger, SignupOutcome outcome, string subscriberId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-up for subscriber {SubscriberId} within the email throttle window; no email sent")]
    private static partial void LogThrottled(ILogger logger, string subscriberId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the email claim of subscriber {SubscriberId}; the next sign-up email waits for the throttle window")]
    private static partial void LogReleaseFailed(ILogger logger, string subscriberId);
}
