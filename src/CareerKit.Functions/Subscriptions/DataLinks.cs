using CareerKit.Email;

namespace CareerKit.Subscriptions;

public enum DataLinksOutcome
{
    Sent,
    /// <summary>The links went to this address less than <see cref="DataLinks.EmailThrottle"/> ago; none sent now.</summary>
    Throttled,
    /// <summary>Nobody to send them to: the data is erased.</summary>
    Gone,
    /// <summary>Mail to the address bounced or was reported as spam (it is suppressed): another email would not arrive, or would be unwelcome.</summary>
    Undeliverable,
}

/// <summary>
/// Export and erase links go to the subscriber's own address, never to whoever asks: the preferences link that asks
/// for them is in every weekly email, and emails get forwarded. At most one such email per address per
/// <see cref="EmailThrottle"/>, claimed with an ETag-guarded write before sending, so the preferences link cannot
/// flood an inbox; if sending fails the claim is given back, so the person's retry sends. An unsubscribed address
/// still gets them: it is an email the person asked for, not newsletter mail, and erasure is a right they keep after leaving.
/// </summary>
public sealed partial class DataLinks(SubscriberStore store, SubscriptionEmails emails, IEmailSender sender, TimeProvider time, ILogger<DataLinks> logger)
{
    public static readonly TimeSpan EmailThrottle = TimeSpan.FromMinutes(15);

    public async Task<DataLinksOutcome> SendAsync(string subscriberId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (claimed, previous) = (false, (DateTimeOffset?)null);
        var subscriber = await store.UpdateAsync(subscriberId, current =>
        {
            previous = current.LastDataLinksEmailAt;
            claimed = current.Status is not (SubscriberStatus.Erased or SubscriberStatus.Suppressed) && (previous is not { } last || now - last >= EmailThrottle);
            return claimed ? current with { LastDataLinksEmailAt = now } : current;
        }, cancellationToken);

        if (subscriber is null || subscriber.Status == SubscriberStatus.Erased)
        {
            return DataLinksOutcome.Gone;
        }

        if (subscriber.Status == SubscriberStatus.Suppressed)
        {
            return DataLinksOutcome.Undeliverable;
        }

        if (!claimed)
        {
            LogThrottled(logger, subscriberId);
            return DataLinksOutcome.Throttled;
        }

        try
        {
            await sender.SendAsync(emails.DataLinks(subscriber), cancellationToken);
        }
        catch (EmailProviderUnavailableException)
        {
            await ReleaseClaimAsync(subscriberId, now, previous);
            throw;
        }

        LogSent(logger, subscriberId);
        return DataLinksOutcome.Sent;
    }

    private async Task ReleaseClaimAsync(string subscriberId, DateTimeOffset claimedAt, DateTimeOffset? previous)
    {
        try
        {
            await store.UpdateAsync(subscriberId, current => current.LastDataLinksEmailAt == claimedAt ? current with { LastDataLinksEmailAt = previous } : current, CancellationToken.None);
        }
        catch (Exception failure) when (Hosting.StorageFailure.IsOutage(failure))
        {
            LogReleaseFailed(logger, subscriberId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Export and erase links sent to subscriber {SubscriberId}")]
    private static partial void LogSent(ILogger logger, string subscriberId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Export and erase links for subscriber {SubscriberId} asked for again within the throttle window; none sent")]
    private static partial void LogThrottled(ILogger logger, string subscriberId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the data-links email claim of subscriber {SubscriberId}; the next one waits for the throttle window")]
    private static partial void LogReleaseFailed(ILogger logger, string subscriberId);
}
