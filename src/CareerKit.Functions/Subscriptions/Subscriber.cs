namespace CareerKit.Subscriptions;

public enum SubscriberStatus
{
    Pending,
    Confirmed,
    Unsubscribed,
    Erased,
    /// <summary>SendGrid reported a bounce, drop, spam report or unsubscribe: never mailed until a new sign-up.</summary>
    Suppressed,
}

/// <summary>The emails a sign-up sends.</summary>
public enum SignupEmail
{
    /// <summary>To a new, pending address: the link that confirms it.</summary>
    Confirmation,
    /// <summary>To an address that is confirmed already: a note, with links to change or leave.</summary>
    AlreadySubscribed,
    /// <summary>To an address just confirmed: what comes and when, and where to start.</summary>
    Welcome,
}

/// <summary>
/// One address's subscription. The id is a keyed hash of the address, so one address is one row and
/// an erased subscriber keeps nothing but that hash.
/// </summary>
public sealed record Subscriber
{
    public required string Id { get; init; }
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public Track Track { get; init; }
    public SubscriberStatus Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ConsentedAt { get; init; }

    /// <summary>Where consent was given when an editor imported the person as already consenting ("signed up at the June meetup"); null for sign-ups here.</summary>
    public string? ConsentSource { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }
    public DateTimeOffset? UnsubscribedAt { get; init; }
    public DateTimeOffset? ErasedAt { get; init; }

    /// <summary>When we last sent this address a sign-up email (confirmation or "already subscribed").</summary>
    public DateTimeOffset? LastSignupEmailAt { get; init; }

    /// <summary>When we last emailed this address its export and erase links.</summary>
    public DateTimeOffset? LastDataLinksEmailAt { get; init; }

    /// <summary>A sign-up email this address is owed and that has not been sent yet (see <see cref="SignupEmailOutbox"/>).</summary>
    public SignupEmail? EmailOwed { get; init; }

    /// <summary>Until when the sender that claimed the owed email holds it; after that, another may send it.</summary>
    public DateTimeOffset? EmailClaimedUntil { get; init; }

    /// <summary>Names the owed email in SendGrid's events (custom arg signup_email_id): the same through every attempt at it.</summary>
    public string? OwedEmailId { get; init; }

    /// <summary>
    /// When SendGrid's answer to an attempt at the owed email was lost: it may have gone, so only SendGrid's event or
    /// the end of the unknown-outcome window settles it (see <see cref="SignupEmailOutbox"/>).
    /// </summary>
    public DateTimeOffset? EmailOutcomeUnknownSince { get; init; }

    /// <summary>Storage version, for optimistic concurrency. Empty for a subscriber not yet stored.</summary>
    public string ETag { get; init; } = "";

    public bool IsReceivingEmail => Status == SubscriberStatus.Confirmed;

    /// <summary>What a pending sign-up asked for: its confirmation link confirms these choices and no others.</summary>
    public string SignupChoices => $"{Track.Code()}|{FirstName}";

    /// <summary>A sign-up of an address that is new, unsubscribed or erased: pending until confirmed.</summary>
    public static Subscriber StartPending(string id, SignupRequest request, DateTimeOffset now) => new()
    {
        Id = id,
        Email = request.Email,
        FirstName = request.FirstName,
        Track = request.Track,
        Status = SubscriberStatus.Pending,
        CreatedAt = now,
        ConsentedAt = now,
    };

    public Subscriber Confirm(DateTimeOffset now) =>
        Status == SubscriberStatus.Confirmed ? this : this with { Status = SubscriberStatus.Confirmed, ConfirmedAt = now, UnsubscribedAt = null };

    public Subscriber Suppress(DateTimeOffset now) =>
        Status is SubscriberStatus.Erased or SubscriberStatus.Suppressed ? this : this with { Status = SubscriberStatus.Suppressed, UnsubscribedAt = now };

    public Subscriber Unsubscribe(DateTimeOffset now) =>
        this with { Status = SubscriberStatus.Unsubscribed, UnsubscribedAt = now };

    /// <summary>Forgets everything personal; the hashed id stays so the address is never mailed without a new sign-up.</summary>
    public Subscriber Erase(DateTimeOffset now) => new()
    {
        Id = Id,
        Status = SubscriberStatus.Erased,
        CreatedAt = now,
        ErasedAt = now,
        ETag = ETag,
    };
}
