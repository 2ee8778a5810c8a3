namespace CareerKit.Subscriptions;

public enum LinkStatus
{
    Done,
    /// <summary>Signature wrong, wrong purpose or garbled: someone changed the link.</summary>
    Invalid,
    Expired,
    /// <summary>The link is genuine but there is no longer anything it can act on (erased, or already left).</summary>
    Gone,
    /// <summary>A confirmation link for choices a later sign-up of the address replaced (and sent its own link for).</summary>
    Superseded,
}

public readonly record struct LinkResult(LinkStatus Status, Subscriber? Subscriber = null);

/// <summary>What a subscriber can do from the links in their emails, without an account or a cookie.</summary>
public sealed partial class SelfService(
    SubscriberStore store,
    SubscriptionTokens tokens,
    SignupEmailOutbox outbox,
    Newsletter.FeedbackStore feedback,
    TimeProvider time,
    ILogger<SelfService> logger)
{
    /// <summary>
    /// Confirms a pending subscription with the choices of the sign-up that sent this link, never others: a later
    /// sign-up with other choices sent its own link, and this one is then refused. Idempotent: confirming again changes nothing.
    /// The write that confirms also owes the welcome email (<see cref="SignupEmailOutbox"/>), so each confirmation owes
    /// exactly one; it is sent here, and when that fails the confirmation stands and the SignupEmails sweep sends it.
    /// </summary>
    public async Task<LinkResult> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var superseded = false;
        var confirmedNow = false;
        var result = await ActAsync(token, TokenPurpose.Confirm, (check, subscriber) =>
        {
            superseded = subscriber.Status == SubscriberStatus.Pending && !ConfirmsCurrentChoices(check, subscriber);
            confirmedNow = subscriber.Status == SubscriberStatus.Pending && !superseded;
            var now = time.GetUtcNow();
            return subscriber.Status switch
            {
                SubscriberStatus.Pending when !superseded => SignupEmailOutbox.Owe(subscriber.Confirm(now), now, SignupEmail.Welcome),
                SubscriberStatus.Confirmed => subscriber,
                // An old confirmation link must not undo a later unsubscribe.
                _ => null,
            };
        }, LogConfirmed, cancellationToken);

        if (confirmedNow && result is { Status: LinkStatus.Done, Subscriber: { } confirmed })
        {
            await WelcomeAsync(confirmed);
        }

        return superseded && result.Status == LinkStatus.Gone ? result with { Status = LinkStatus.Superseded } : result;
    }

    /// <summary>Sends the welcome email this confirmation claimed; a failure leaves it to the outbox and never fails the confirmation.</summary>
    private async Task WelcomeAsync(Subscriber claimed)
    {
        try
        {
            await outbox.SendAsync(claimed);
        }
        catch (Exception failure)
        {
            LogWelcomeDeferred(logger, claimed.Id, failure.GetType().Name);
        }
    }

    /// <summary>
    /// Whether this confirmation link was sent for the choices now pending. Links sent before confirmations were bound
    /// carry no binding: such a link still confirms while no later sign-up email went out (a later sign-up within the
    /// throttle window sends nothing and changes nothing), so the links in people's inboxes on the day of a deploy work.
    /// </summary>
    private bool ConfirmsCurrentChoices(TokenCheck check, Subscriber subscriber)
    {
        if (check.Binding.Length > 0)
        {
            return tokens.IsBoundTo(check, subscriber.SignupChoices);
        }

        var issued = check.Expires - SubscriptionTokens.LifetimeOf(TokenPurpose.Confirm);
        // The email's time is taken just before its link is made, and the expiry is kept to the second: a minute's slack.
        return subscriber.LastSignupEmailAt is not { } lastEmail || lastEmail <= issued + TimeSpan.FromMinutes(1);
    }

    /// <summary>Stops all email at once. Idempotent, as one-click unsubscribe requires.</summary>
    public Task<LinkResult> UnsubscribeAsync(string? token, CancellationToken cancellationToken) =>
        ActAsync(token, TokenPurpose.Unsubscribe, (_, subscriber) => subscriber.Status switch
        {
            SubscriberStatus.Pending or SubscriberStatus.Confirmed => subscriber.Unsubscribe(time.GetUtcNow()),
            SubscriberStatus.Unsubscribed => subscriber,
            _ => null,
        }, LogUnsubscribed, cancellationToken);

    public Task<LinkResult> UpdatePreferencesAsync(string? token, Track track, string? firstName, CancellationToken cancellationToken) =>
        ActAsync(token, TokenPurpose.Preferences, (_, subscriber) => subscriber.Status is SubscriberStatus.Pending or SubscriberStatus.Confirmed
            ? subscriber with { Track = track, FirstName = firstName }
            : null, LogPreferencesChanged, cancellationToken);

    /// <summary>
    /// Deletes the personal data, answers to tips included; the address hash stays so it is never mailed without a new
    /// sign-up. The answers go first: should the rest fail, pressing the button again finishes it.
    /// </summary>
    public async Task<LinkResult> EraseAsync(string? token, CancellationToken cancellationToken)
    {
        if (tokens.Check(token, TokenPurpose.Erase) is { IsValid: true } check)
        {
            await feedback.EraseAsync(check.SubscriberId, cancellationToken);
        }

        return await ActAsync(token, TokenPurpose.Erase, (_, subscriber) => subscriber.Status == SubscriberStatus.Erased ? null : subscriber.Erase(time.GetUtcNow()), LogErased, cancellationToken);
    }

    /// <summary>Finds the subscriber a link is for, without changing anything (preferences page, export).</summary>
    public async Task<LinkResult> FindAsync(string? token, TokenPurpose purpose, CancellationToken cancellationToken)
    {
        var check = tokens.Check(token, purpose);
        if (!check.IsValid)
        {
            return new(check.Status == TokenStatus.Expired ? LinkStatus.Expired : LinkStatus.Invalid);
        }

        var subscriber = await store.FindAsync(check.SubscriberId, cancellationToken);
        return subscriber is null || subscriber.Status == SubscriberStatus.Erased
            ? new(LinkStatus.Gone)
            : new(LinkStatus.Done, subscriber);
    }

    /// <summary>
    /// Finds the subscriber asking for their data links: from the preferences page (a preferences link) or, after
    /// leaving, from the unsubscribe page (an unsubscribe link). Both links are in every weekly email and may be
    /// forwarded; that is safe because the export and erase links only ever go to the subscribed address.
    /// </summary>
    public async Task<LinkResult> FindForDataLinksAsync(string? token, CancellationToken cancellationToken)
    {
        var asPreferences = await FindAsync(token, TokenPurpose.Preferences, cancellationToken);
        return asPreferences.Status == LinkStatus.Invalid
            ? await FindAsync(token, TokenPurpose.Unsubscribe, cancellationToken)
            : asPreferences;
    }

    /// <param name="change">The subscriber after the action, or null when the action does not apply to them now.</param>
    private async Task<LinkResult> ActAsync(
        string? token,
        TokenPurpose purpose,
        Func<TokenCheck, Subscriber, Subscriber?> change,
        Action<ILogger, string> log,
        CancellationToken cancellationToken)
    {
        var check = tokens.Check(token, purpose);
        if (!check.IsValid)
        {
            return new(check.Status == TokenStatus.Expired ? LinkStatus.Expired : LinkStatus.Invalid);
        }

        var applies = true;
        var updated = await store.UpdateAsync(check.SubscriberId, current =>
        {
            var next = change(check, current);
            applies = next is not null;
            return next ?? current;
        }, cancellationToken);

        if (updated is null || !applies)
        {
            return new(LinkStatus.Gone, updated);
        }

        log(logger, updated.Id);
        (purpose switch { TokenPurpose.Confirm => Hosting.Telemetry.Confirmations, TokenPurpose.Unsubscribe => Hosting.Telemetry.Unsubscribes, _ => null })?.Add(1);
        return new(LinkStatus.Done, updated);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscriber {SubscriberId} confirmed")]
    private static partial void LogConfirmed(ILogger logger, string subscriberId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The welcome email of subscriber {SubscriberId} was not sent now ({ExceptionType}); the SignupEmails sweep sends it")]
    private static partial void LogWelcomeDeferred(ILogger logger, string subscriberId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscriber {SubscriberId} unsubscribed")]
    private static partial void LogUnsubscribed(ILogger logger, string subscriberId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscriber {SubscriberId} changed preferences")]
    private static partial void LogPreferencesChanged(ILogger logger, string subscriberId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscriber {SubscriberId} erased their data")]
    private static partial void LogErased(ILogger logger, string subscriberId);
}
