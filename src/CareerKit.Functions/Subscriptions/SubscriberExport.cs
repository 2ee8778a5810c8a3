using System.Text.Json;

namespace CareerKit.Subscriptions;

/// <summary>Everything stored about a subscriber, for the right of access (GDPR art. 15).</summary>
public sealed record SubscriberExport(
    string Id,
    string? Email,
    string? FirstName,
    Track Track,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ConsentedAt,
    string? ConsentSource,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset? UnsubscribedAt,
    DateTimeOffset? LastSignupEmailAt,
    DateTimeOffset? LastDataLinksEmailAt,
    DateTimeOffset ExportedAt)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static SubscriberExport From(Subscriber subscriber, DateTimeOffset now) => new(
        subscriber.Id,
        subscriber.Email,
        subscriber.FirstName,
        subscriber.Track,
        subscriber.Status.ToString().ToLowerInvariant(),
        subscriber.CreatedAt,
        subscriber.ConsentedAt,
        subscriber.ConsentSource,
        subscriber.ConfirmedAt,
        subscriber.UnsubscribedAt,
        subscriber.LastSignupEmailAt,
        subscriber.LastDataLinksEmailAt,
        now);
}
