using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CareerKit.Newsletter;

/// <summary>
/// One event of SendGrid's event webhook, with the custom args our emails carry (edition_id, subscriber_id, and
/// signup_email_id on sign-up emails) when they can serve as table keys.
/// </summary>
public sealed record WebhookEvent(string Type, string Id, string? EditionId, string? SubscriberId, string? SignupEmailId = null)
{
    /// <summary>The custom arg that names a sign-up email (see <see cref="Subscriptions.SignupEmailOutbox"/>).</summary>
    public const string SignupEmailIdArg = "signup_email_id";

    private static readonly string[] Suppressing = ["bounce", "dropped", "spamreport", "unsubscribe", "group_unsubscribe"];
    private static readonly string[] Engagement = ["delivered", "open", "click"];

    /// <summary>Bounces, drops, spam reports and unsubscribes: the subscriber must get no more email.</summary>
    public bool Suppresses => SubscriberId is not null && Suppressing.Contains(Type);

    /// <summary>Counted on its edition. Problems are counted too, so editors see each edition's bounces and unsubscribes.</summary>
    public bool IsCounted => EditionId is not null && (Engagement.Contains(Type) || Suppressing.Contains(Type));

    /// <summary>Where its receipt goes in <see cref="SendReceipts"/>: the edition's partition, or the sign-up email's; null when it has neither.</summary>
    public string? ReceiptPartition => SubscriberId is null ? null
        : EditionId ?? (SignupEmailId is { } signupEmailId ? SendReceipts.SignupEmailPartition(signupEmailId) : null);

    /// <summary>The event id as a table key: SendGrid's ids are base64 and may hold '/', which keys may not.</summary>
    public string Key => IsKeySafe(Id) ? Id : "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Id)));

    /// <returns>The event, or null when it lacks a type or an id (nothing can be applied once without them).</returns>
    public static WebhookEvent? From(JsonElement item) =>
        Text(item, "event") is { } type && Text(item, "sg_event_id") is { Length: > 0 } id
            ? new WebhookEvent(type, id, KeyText(item, "edition_id"), KeyText(item, "subscriber_id"), KeyText(item, SignupEmailIdArg))
            : null;

    /// <summary>A value we put into custom_args, usable as a table key (ours never hold these characters).</summary>
    private static string? KeyText(JsonElement item, string name) => Text(item, name) is { } value && IsKeySafe(value) ? value : null;

    private static bool IsKeySafe(string value) =>
        value.Length is > 0 and <= 200 && !value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    private static string? Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
