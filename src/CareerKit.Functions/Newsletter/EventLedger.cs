using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using CareerKit.Storage;

namespace CareerKit.Newsletter;

/// <summary>
/// Which webhook events have been applied, and each edition's counts (Table <c>sendgridevents</c>). An edition's marks
/// and counts share its partition and are written in one transaction, so no count is applied twice or lost between
/// the two. Table <c>editionstats</c> holds a copy of the counts, which the editors' list reads in one scan.
/// </summary>
public sealed class EventLedger(TableStorage storage)
{
    public const string TableName = "sendgridevents";
    public const string StatsTable = "editionstats";
    private const string MarkPrefix = "event-";
    private const string CountPrefix = "count-";
    private const string DeliveryPartition = "deliveries";

    /// <summary>A transaction holds at most 100 operations: the marks and one count row per event type.</summary>
    private const int MarksPerTransaction = 90;

    private const int ParallelRequests = 8;
    private const int Attempts = 20;

    /// <returns>
    /// True when these very events were applied in full before: SendGrid delivered the batch again because our answer
    /// came late or was lost. One read then spares one per event.
    /// </returns>
    public async Task<bool> WereAppliedInFullAsync(IReadOnlyCollection<WebhookEvent> events, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        return (await table.GetEntityIfExistsAsync<TableEntity>(DeliveryPartition, Digest(events), select: ["PartitionKey"], cancellationToken: cancellationToken)).HasValue;
    }

    /// <summary>Records that these events were applied in full: call after every effect, mark and count.</summary>
    public async Task RecordAppliedInFullAsync(IReadOnlyCollection<WebhookEvent> events, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(DeliveryPartition, Digest(events)), TableUpdateMode.Replace, cancellationToken);
    }

    /// <returns>Those of <paramref name="events"/> not applied yet.</returns>
    public async Task<List<WebhookEvent>> NotAppliedAsync(IEnumerable<WebhookEvent> events, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        return await NotMarkedAsync(table, [.. events], cancellationToken);
    }

    /// <summary>Marks the events applied and counts the new ones on their editions, each exactly once.</summary>
    /// <returns>How many of them were new.</returns>
    public async Task<int> MarkAppliedAsync(IEnumerable<WebhookEvent> events, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var applied = 0;
        await Parallel.ForEachAsync(events.GroupBy(PartitionOf), Bounded(cancellationToken), async (partition, token) =>
        {
            // One after another: a partition's transactions update the same count rows.
            var counts = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            if (partition.Any(item => item.IsCounted))
            {
                await ReadCountsAsync(table, partition.Key, counts, token);
            }

            foreach (var chunk in partition.Chunk(MarksPerTransaction))
            {
                Interlocked.Add(ref applied, await MarkAsync(table, partition.Key, chunk, counts, token));
            }

            // Also when nothing was new: a delivery that failed after its marks left the copy behind.
            if (partition.First().EditionId is { } editionId && partition.Any(item => item.IsCounted))
            {
                await CopyCountsAsync(table, partition.Key, editionId, token);
            }
        });
        return applied;
    }

    /// <summary>Every edition's event counts in one scan (a few rows per edition), for the editors' list: edition id → event type → count.</summary>
    public async Task<Dictionary<string, Dictionary<string, int>>> AllCountsAsync(CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(StatsTable, cancellationToken);
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(maxPerPage: 1000, select: ["PartitionKey", "RowKey", "Count"], cancellationToken: cancellationToken))
        {
            if (!counts.TryGetValue(row.PartitionKey, out var edition))
            {
                counts[row.PartitionKey] = edition = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            edition[row.RowKey] = row.GetInt32("Count") ?? 0;
        }

        return counts;
    }

    /// <returns>How many of <paramref name="chunk"/> were new.</returns>
    /// <param name="counts">The partition's count rows as last read or written, kept up to date here.</param>
    private async Task<int> MarkAsync(TableClient table, string partition, IReadOnlyList<WebhookEvent> chunk, Dictionary<string, TableEntity> counts, CancellationToken cancellationToken)
    {
        var pending = chunk.ToList();
        for (var attempt = 0; attempt < Attempts && pending.Count > 0; attempt++)
        {
            var actions = pending.ConvertAll(item => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, MarkPrefix + item.Key) { ["Event"] = item.Type }));
            var added = pending.Where(item => item.IsCounted).CountBy(item => item.Type).ToList();
            var before = added.Any(pair => !counts.ContainsKey(pair.Key)) ? await ShownCountsAsync(pending[0].EditionId!, cancellationToken) : [];
            var written = new List<TableEntity>();
            foreach (var (type, count) in added)
            {
                var exists = counts.TryGetValue(type, out var row);
                // Editions counted before the ledger kept counts carry on from their shown figure.
                var total = (exists ? Count(row!) : before.TryGetValue(type, out var shown) ? Count(shown) : 0) + count;
                var next = new TableEntity(partition, CountPrefix + type) { ["Count"] = total };
                written.Add(next);
                actions.Add(exists
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, row!.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, next));
            }

            try
            {
                var responses = (await table.SubmitTransactionAsync(actions, cancellationToken)).Value;
                for (var index = 0; index < written.Count; index++)
                {
                    // The next chunk updates the rows from here, without reading them again.
                    if (responses[pending.Count + index].Headers.ETag is not { } etag)
                    {
                        await ReadCountsAsync(table, partition, counts, cancellationToken);
                        break;
                    }

                    written[index].ETag = etag;
                    counts[written[index].RowKey[CountPrefix.Length..]] = written[index];
                }

                return pending.Count;
            }
            catch (TableTransactionFailedException conflict) when (conflict.Status is 409 or 412)
            {
                // 409: some were applied before (SendGrid delivers a batch again when our answer was an error or late):
                // keep the others. Or another delivery counted on this edition first (409 on a new count row, 412 on an
                // old one): then the counts are read again.
                pending = conflict.Status == 409 ? await NotMarkedAsync(table, pending, cancellationToken) : pending;
                await ReadCountsAsync(table, partition, counts, cancellationToken);
            }
        }

        if (pending.Count == 0)
        {
            return 0;
        }

        throw new InvalidOperationException($"The counts of edition partition {partition} kept changing while we tried to add to them.");
    }

    /// <summary>Brings the shown counts up to the ledger's; counts only grow, so a late or repeated copy never lowers one.</summary>
    private async Task CopyCountsAsync(TableClient table, string partition, string editionId, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await ReadCountsAsync(table, partition, counts, cancellationToken);
        var stats = await storage.GetTableAsync(StatsTable, cancellationToken);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var shown = await ShownCountsAsync(editionId, cancellationToken);
            var actions = new List<TableTransactionAction>();
            foreach (var (type, row) in counts)
            {
                if (!shown.TryGetValue(type, out var current))
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(editionId, type) { ["Count"] = Count(row) }));
                }
                else if (Count(current) < Count(row))
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity(editionId, type) { ["Count"] = Count(row) }, current.ETag));
                }
            }

            if (actions.Count == 0)
            {
                return;
            }

            try
            {
                await stats.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException conflict) when (conflict.Status is 409 or 412)
            {
                // Another delivery copied first: compare again.
            }
        }
    }

    /// <summary>Reads the ledger's count rows of an edition partition into <paramref name="rows"/>, by event type.</summary>
    private static async Task ReadCountsAsync(TableClient table, string partition, Dictionary<string, TableEntity> rows, CancellationToken cancellationToken)
    {
        rows.Clear();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {CountPrefix} and RowKey lt {CountPrefix[..^1] + (char)(CountPrefix[^1] + 1)}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows[row.RowKey[CountPrefix.Length..]] = row;
        }
    }

    /// <returns>The counts the editors' list shows for an edition, by event type.</returns>
    private async Task<Dictionary<string, TableEntity>> ShownCountsAsync(string editionId, CancellationToken cancellationToken)
    {
        var stats = await storage.GetTableAsync(StatsTable, cancellationToken);
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in stats.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {editionId}"), cancellationToken: cancellationToken))
        {
            rows[row.RowKey] = row;
        }

        return rows;
    }

    private static async Task<List<WebhookEvent>> NotMarkedAsync(TableClient table, List<WebhookEvent> events, CancellationToken cancellationToken)
    {
        var marked = new bool[events.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, events.Count), Bounded(cancellationToken), async (index, token) =>
            marked[index] = (await table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(events[index]), MarkPrefix + events[index].Key, select: ["PartitionKey"], cancellationToken: token)).HasValue);
        return events.Where((_, index) => !marked[index]).ToList();
    }

    /// <summary>An edition's events in its partition (with its counts); others spread over partitions by their id's first character.</summary>
    private static string PartitionOf(WebhookEvent item) => item.EditionId is { } editionId ? "edition-" + editionId : "events-" + item.Key[..1];

    private static string Digest(IEnumerable<WebhookEvent> events) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', events.Select(item => item.Id)))));

    private static int Count(TableEntity row) => row.GetInt32("Count") ?? 0;

    private static ParallelOptions Bounded(CancellationToken cancellationToken) => new() { MaxDegreeOfParallelism = ParallelRequests, CancellationToken = cancellationToken };
}
