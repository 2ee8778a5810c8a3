using Azure;
using Azure.Data.Tables;
using CareerKit.Storage;

namespace CareerKit.Subscriptions;

/// <summary>Subscribers in Table storage: one partition per address hash, writes guarded by ETags.</summary>
public sealed class SubscriberStore(TableStorage storage)
{
    public const string TableName = "subscribers";
    private const string RowKey = "subscriber";

    public async Task<Subscriber?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<SubscriberEntity>(id, RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.ToSubscriber() : null;
    }

    /// <returns>The stored subscriber, or null when another request stored this address first.</returns>
    public async Task<Subscriber?> TryAddAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        try
        {
            var response = await table.AddEntityAsync(SubscriberEntity.From(subscriber), cancellationToken);
            return subscriber with { ETag = response.Headers.ETag?.ToString() ?? "" };
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            return null;
        }
    }

    /// <returns>The stored subscriber, or null when someone changed it since it was read.</returns>
    public async Task<Subscriber?> TryReplaceAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(SubscriberEntity.From(subscriber), new ETag(subscriber.ETag), TableUpdateMode.Replace, cancellationToken);
            return subscriber with { ETag = response.Headers.ETag?.ToString() ?? "" };
        }
        catch (RequestFailedException stale) when (stale.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>Applies <paramref name="change"/> to the current version, re-reading when another writer got there first.</summary>
    /// <returns>The subscriber after the change, or null when there is no such subscriber.</returns>
    public async Task<Subscriber?> UpdateAsync(string id, Func<Subscriber, Subscriber> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var current = await FindAsync(id, cancellationToken);
            if (current is null)
            {
                return null;
            }

            var changed = change(current);
            if (changed == current)
            {
                return current;
            }

            if (await TryReplaceAsync(changed, cancellationToken) is { } stored)
            {
                return stored;
            }
        }

        throw new InvalidOperationException("The subscriber kept changing while we tried to update it.");
    }

    /// <summary>The subscribers owed a sign-up email (a filtered scan: owed emails are few, and cleared once sent).</summary>
    public async Task<List<Subscriber>> OwedEmailAsync(CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var owed = new List<Subscriber>();
        // A row without the property never matches a comparison, so this finds exactly the rows that have one.
        await foreach (var row in table.QueryAsync<SubscriberEntity>(filter: "EmailOwed gt ''", maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            owed.Add(row.ToSubscriber());
        }

        return owed;
    }

    /// <summary>Every subscriber as stored, page by page (erased ones hold nothing but their id and dates).</summary>
    public async IAsyncEnumerable<Subscriber> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        await foreach (var row in table.QueryAsync<SubscriberEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return row.ToSubscriber();
        }
    }

    /// <summary>Every confirmed subscriber's id and track, in key order, read page by page in one scan.</summary>
    public async IAsyncEnumerable<(string Id, Track Track)> ConfirmedIdsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var status = SubscriberStatus.Confirmed.ToString();
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.GetString("Status") == status, maxPerPage: 1000, select: ["PartitionKey", "Track"], cancellationToken: cancellationToken))
        {
            if (Tracks.TryFromCode(row.GetString("Track"), out var track))
            {
                yield return (row.PartitionKey, track);
            }
        }
    }

    /// <summary>
    /// The confirmed subscribers whose ids lie between two ids, in one range query: a send batch holds ids taken
    /// in key order, so its own recipients are read in a few pages rather than one request each.
    /// </summary>
    public async IAsyncEnumerable<Subscriber> ConfirmedBetweenAsync(string firstId, string lastId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {firstId} and PartitionKey le {lastId} and Status eq {SubscriberStatus.Confirmed.ToString()}");
        await foreach (var row in table.QueryAsync<SubscriberEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return row.ToSubscriber();
        }
    }

    /// <summary>The row as stored. Only what the features need: no IP address, no user agent.</summary>
    private sealed class SubscriberEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = SubscriberStore.RowKey;
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }

        public string? Email { get; set; }
        public string? FirstName { get; set; }
        public string Track { get; set; } = "";
        public string Status { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? ConsentedAt { get; set; }
        public string? ConsentSource { get; set; }
        public DateTimeOffset? ConfirmedAt { get; set; }
        public DateTimeOffset? UnsubscribedAt { get; set; }
        public DateTimeOffset? ErasedAt { get; set; }
        public DateTimeOffset? LastSignupEmailAt { get; set; }
        public DateTimeOffset? LastDataLinksEmailAt { get; set; }
        public string? EmailOwed { get; set; }
        public DateTimeOffset? EmailClaimedUntil { get; set; }
        public string? OwedEmailId { get; set; }
        public DateTimeOffset? EmailOutcomeUnknownSince { get; set; }

        public static SubscriberEntity From(Subscriber subscriber) => new()
        {
            PartitionKey = subscriber.Id,
            Email = subscriber.Email,
            FirstName = subscriber.FirstName,
            Track = subscriber.Track.Code(),
            Status = subscriber.Status.ToString(),
            CreatedAt = subscriber.CreatedAt,
            ConsentedAt = subscriber.ConsentedAt,
            ConsentSource = subscriber.ConsentSource,
            ConfirmedAt = subscriber.ConfirmedAt,
            UnsubscribedAt = subscriber.UnsubscribedAt,
            ErasedAt = subscriber.ErasedAt,
            LastSignupEmailAt = subscriber.LastSignupEmailAt,
            LastDataLinksEmailAt = subscriber.LastDataLinksEmailAt,
            EmailOwed = subscriber.EmailOwed?.ToString(),
            EmailClaimedUntil = subscriber.EmailClaimedUntil,
            OwedEmailId = subscriber.OwedEmailId,
            EmailOutcomeUnknownSince = subscriber.EmailOutcomeUnknownSince,
        };

        public Subscriber ToSubscriber() => new()
        {
            Id = PartitionKey,
            Email = Email,
            FirstName = FirstName,
            Track = Tracks.TryParse(Track, out var track) ? track : CareerKit.Track.Both,
            Status = Enum.Parse<SubscriberStatus>(Status),
            CreatedAt = CreatedAt,
            ConsentedAt = ConsentedAt,
            ConsentSource = ConsentSource,
            ConfirmedAt = ConfirmedAt,
            UnsubscribedAt = UnsubscribedAt,
            ErasedAt = ErasedAt,
            LastSignupEmailAt = LastSignupEmailAt,
            LastDataLinksEmailAt = LastDataLinksEmailAt,
            EmailOwed = Enum.TryParse<SignupEmail>(EmailOwed, out var owed) ? owed : null,
            EmailClaimedUntil = EmailClaimedUntil,
            OwedEmailId = OwedEmailId,
            EmailOutcomeUnknownSince = EmailOutcomeUnknownSince,
            ETag = ETag.ToString(),
        };
    }
}
