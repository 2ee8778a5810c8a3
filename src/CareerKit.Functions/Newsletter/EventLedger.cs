using Azure;
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

    /// <summary>A transaction holds at most 100 operations: the marks and one count row per event type.</summary>
    private const int MarksPerTransaction = 90;

    private const int ParallelRequests = 8;
    private const int Attempts = 20;

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
            foreach (var chunk in partition.Chunk(MarksPerTransaction))
            {
                Interlocked.Add(ref applied, await MarkAsync(table, partition.Key, chunk, token));
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
    private async Task<int> MarkAsync(TableClient table, string partition, IReadOnlyList<WebhookEvent> chunk, CancellationToken cancellationToken)
    {
        var pending = chunk.ToList();
        for (var attempt = 0; attempt < Attempts && pending.Count > 0; attempt++)
        {
            var actions = pending.ConvertAll(item => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, MarkPrefix + item.Key) { ["Event"] = item.Type }));
            var added = pending.Where(item => item.IsCounted).CountBy(item => item.Type).ToList();
            if (added.Count > 0)
            {
                var counts = await CountRowsAsync(table, partition, cancellationToken);
                var before = added.Any(pair => !counts.ContainsKey(pair.Key)) ? await ShownCountsAsync(pending[0].EditionId!, cancellationToken) : [];
                foreach (var (type, count) in added)
                {
                    actions.Add(counts.TryGetValue(type, out var row)
                        ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity(partition, row.RowKey) { ["Count"] = Count(row) + count }, row.ETag)
                        // Editions counted before the ledger kept counts carry on from their shown figure.
                        : new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, CountPrefix + type) { ["Count"] = (before.TryGetValue(type, out var shown) ? Count(shown) : 0) + count }));
                }
            }

            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return pending.Count;
            }
            catch (TableTransactionFailedException conflict) when (conflict.Status == 409)
            {
                // Some were applied before (SendGrid delivers a batch again when our answer was an error): keep the others.
                // Or another delivery added a count row first: then none is dropped and the counts are read again.
                pending = await NotMarkedAsync(table, pending, cancellationToken);
            }
            catch (TableTransactionFailedException conflict) when (conflict.Status == 412)
            {
                // Another delivery counted on this edition first: read the counts again.
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
        var counts = await CountRowsAsync(table, partition, cancellationToken);
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

    /// <returns>The ledger's count rows of an edition partition, by event type.</returns>
    private static async Task<Dictionary<string, TableEntity>> CountRowsAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {CountPrefix} and RowKey lt {CountPrefix[..^1] + (char)(CountPrefix[^1] + 1)}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows[row.RowKey[CountPrefix.Length..]] = row;
        }

        return rows;
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

    private static int Count(TableEntity row) => row.GetInt32("Count") ?? 0;

    private static ParallelOptions Bounded(CancellationToken cancellationToken) => new() { MaxDegreeOfParallelism = ParallelRequests, CancellationToken = cancellationToken };
}
