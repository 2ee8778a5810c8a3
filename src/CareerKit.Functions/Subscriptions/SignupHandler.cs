namespace CareerKit.Subscriptions;

public enum SignupOutcome
{
    ConfirmationSent,
    AlreadySubscribedNoticeSent,
    /// <summary>An email went to this address less than the throttle window ago; none sent now.</summary>
    Throttled,
    /// <summary>An earlier sign-up's email has not gone out yet (or may have: its answer was lost) and is being sent, or is the outbox's to settle; none sent now.</summary>
    EmailUnderWay,
}

/// <summary>
/// Stores a pending subscriber and sends the confirmation email, at most one per address per
/// <see cref="EmailThrottle"/>. The email is owed and claimed in the same ETag-guarded write that stores
/// the sign-up (<see cref="SignupEmailOutbox"/>), so concurrent sign-ups of one address send one email,
/// and a stored sign-up whose email could not go out gets it on the person's retry or from the outbox.
/// </summary>
public sealed partial class SignupHandler(
    SubscriberStore store,
    AddressHasher hasher,
    SignupEmailOutbox outbox,
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
            var pending = SignupEmailOutbox.Owe(Subscriber.StartPending(id, request, now) with { LastSignupEmailAt = now }, now);
            if (await store.TryAddAsync(pending, cancellationToken) is { } added)
            {
                return await SendAsync(added, SignupOutcome.ConfirmationSent);
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
        // An email an earlier sign-up owes never went out: it is sent now unless someone holds it or it may have gone
        // (SendGrid's answer was lost: the outbox settles that), whatever the throttle says.
        var owesEmail = existing.EmailOwed is not null;
        var mayEmail = owesEmail
            ? SignupEmailOutbox.IsFree(existing, now)
            : existing.LastSignupEmailAt is not { } last || now - last >= EmailThrottle;
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
            next = SignupEmailOutbox.Owe(next with { LastSignupEmailAt = now }, now);
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
            var held = owesEmail ? SignupOutcome.EmailUnderWay : SignupOutcome.Throttled;
            LogNotSent(logger, existing.Id, held);
            Hosting.Telemetry.Signups.Add(1, new KeyValuePair<string, object?>("outcome", held.ToString()));
            return held;
        }

        return await SendAsync(stored, stored.EmailOwed == SignupEmail.AlreadySubscribed ? SignupOutcome.AlreadySubscribedNoticeSent : SignupOutcome.ConfirmationSent);
    }

    /// <exception cref="Email.EmailProviderUnavailableException">Not sent now; the outbox keeps it for a retry or its sweep.</exception>
    private async Task<SignupOutcome> SendAsync(Subscriber claimed, SignupOutcome outcome)
    {
        await outbox.SendAsync(claimed);
        LogSent(logger, outcome, claimed.Id);
        Hosting.Telemetry.Signups.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-up email {Outcome} for subscriber {SubscriberId}")]
    private static partial void LogSent(ILogger logger, SignupOutcome outcome, string subscriberId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-up for subscriber {SubscriberId}: no email sent now ({Reason})")]
    private static partial void LogNotSent(ILogger logger, string subscriberId, SignupOutcome reason);
}
