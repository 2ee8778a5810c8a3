using Azure;
using Azure.Data.Tables;
using CareerKit.Storage;

namespace CareerKit.Newsletter;

/// <summary>
/// Readers' answers to tips, in one table. Each tip has a partition holding one row per (edition, subscriber) with the
/// answer, and the tip's counts row; an answer and its counts change in one transaction (same partition), so a change of
/// answer moves exactly one count and a replay moves none. Each subscriber has a partition of pointers to their answers,
/// written first, so their data export and erasure find every answer without scanning the table.
/// </summary>
public sealed class FeedbackStore(TableStorage tables)
{
    public const string TableName = "feedback";
    private const string CountsKey = "counts"; // Answer keys start with an edition id, which starts with a year: no clash.
    private const int MaxAttempts = 8;

    public static string TipPartition(string tipId) => $"tip~{tipId}";

    private static string SubscriberPartition(string subscriberId) => $"subscriber~{subscriberId}";

    private static string AnswerKey(string editionId, string subscriberId) => $"{editionId}~{subscriberId}";

    /// <summary>Stores the answer, replacing an earlier one; the same answer again writes nothing.</summary>
    public async Task<FeedbackOutcome> RecordAsync(string subscriberId, string editionId, string tipId, FeedbackAnswer answer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(SubscriberPartition(subscriberId), $"{editionId}~{tipId}"), TableUpdateMode.Merge, cancellationToken);
        var partition = TipPartition(tipId);
        for (var attempt = 1; ; attempt++)
        {
            var previous = await table.GetEntityIfExistsAsync<TableEntity>(partition, AnswerKey(editionId, subscriberId), cancellationToken: cancellationToken);
            FeedbackAnswer? before = previous.HasValue && FeedbackAnswers.TryFromCode(previous.Value!.GetString("Answer"), out var old) ? old : null;
            if (before == answer)
            {
                return FeedbackOutcome.Unchanged;
            }

            var counts = await ReadCountsRowAsync(table, partition, cancellationToken);
            var recounted = Counted(Counted(counts.Entity, before, -1), answer, +1);
            var row = new TableEntity(partition, AnswerKey(editionId, subscriberId))
            {
                ["Answer"] = answer.Code(),
                ["AnsweredAt"] = now,
                ["EditionId"] = editionId,
                ["TipId"] = tipId,
            };
            List<TableTransactionAction> actions =
            [
                previous.HasValue
                    ? new(TableTransactionActionType.UpdateReplace, row, previous.Value!.ETag)
                    : new(TableTransactionActionType.Add, row),
                counts.Exists
                    ? new(TableTransactionActionType.UpdateReplace, recounted, counts.Entity.ETag)
                    : new(TableTransactionActionType.Add, recounted),
            ];
            if (await TrySubmitAsync(table, actions, attempt, cancellationToken))
            {
                return before is null ? FeedbackOutcome.Recorded : FeedbackOutcome.Changed;
            }
        }
    }

    /// <summary>The subscriber's answer to this tip of this edition, if any.</summary>
    public async Task<FeedbackAnswer?> FindAsync(string subscriberId, string editionId, string tipId, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TipPartition(tipId), AnswerKey(editionId, subscriberId), ["Answer"], cancellationToken);
        return row.HasValue && FeedbackAnswers.TryFromCode(row.Value!.GetString("Answer"), out var answer) ? answer : null;
    }

    /// <summary>Every answer the subscriber gave, for their data export.</summary>
    public async Task<List<FeedbackGiven>> OfSubscriberAsync(string subscriberId, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var given = new List<FeedbackGiven>();
        await foreach (var (editionId, tipId) in PointersAsync(table, subscriberId, cancellationToken))
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(TipPartition(tipId), AnswerKey(editionId, subscriberId), cancellationToken: cancellationToken);
            if (row.HasValue)
            {
                given.Add(new FeedbackGiven(editionId, tipId, row.Value!.GetString("Answer") ?? "", row.Value.GetDateTimeOffset("AnsweredAt") ?? default));
            }
        }

        return given;
    }

    /// <summary>Deletes every answer the subscriber gave, and takes each out of its tip's counts.</summary>
    public async Task EraseAsync(string subscriberId, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var pointers = new List<(string EditionId, string TipId)>();
        await foreach (var pointer in PointersAsync(table, subscriberId, cancellationToken))
        {
            pointers.Add(pointer);
        }

        foreach (var (editionId, tipId) in pointers)
        {
            await DeleteAnswerAsync(table, subscriberId, editionId, tipId, cancellationToken);
            // The pointer goes last: were this interrupted, the next erasure still finds the answer.
            try
            {
                await table.DeleteEntityAsync(SubscriberPartition(subscriberId), $"{editionId}~{tipId}", ETag.All, cancellationToken);
            }
            catch (RequestFailedException gone) when (gone.Status == 404)
            {
                // Erased by a concurrent request.
            }
        }
    }

    /// <summary>
    /// Useful and not-for-me counts of these tips, by tip id (tips without answers are left out). Each is one point read
    /// of the tip's counts row, so the cost follows the number of tips, not of answers.
    /// </summary>
    public async Task<Dictionary<string, (int Useful, int NotForMe)>> CountsAsync(IEnumerable<string> tipIds, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var counts = new System.Collections.Concurrent.ConcurrentDictionary<string, (int, int)>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(tipIds.Distinct(StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (tipId, token) =>
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(TipPartition(tipId), CountsKey, ["Useful", "NotForMe"], token);
            if (row.HasValue)
            {
                counts[tipId] = (row.Value!.GetInt32("Useful") ?? 0, row.Value.GetInt32("NotForMe") ?? 0);
            }
        });

        return new Dictionary<string, (int, int)>(counts, StringComparer.Ordinal);
    }

    private static async Task DeleteAnswerAsync(TableClient table, string subscriberId, string editionId, string tipId, CancellationToken cancellationToken)
    {
        var partition = TipPartition(tipId);
        for (var attempt = 1; ; attempt++)
        {
            var answer = await table.GetEntityIfExistsAsync<TableEntity>(partition, AnswerKey(editionId, subscriberId), cancellationToken: cancellationToken);
            if (!answer.HasValue)
            {
                return;
            }

            var counts = await ReadCountsRowAsync(table, partition, cancellationToken);
            List<TableTransactionAction> actions = [new(TableTransactionActionType.Delete, answer.Value!, answer.Value!.ETag)];
            if (counts.Exists && FeedbackAnswers.TryFromCode(answer.Value.GetString("Answer"), out var given))
            {
                actions.Add(new(TableTransactionActionType.UpdateReplace, Counted(counts.Entity, given, -1), counts.Entity.ETag));
            }

            if (await TrySubmitAsync(table, actions, attempt, cancellationToken))
            {
                return;
            }
        }
    }

    /// <returns>False when another request changed the rows first (read again and retry); throws after too many tries.</returns>
    private static async Task<bool> TrySubmitAsync(TableClient table, List<TableTransactionAction> actions, int attempt, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (RequestFailedException raced) when (raced.Status is 409 or 412 && attempt < MaxAttempts)
        {
            return false;
        }
    }

    private static async IAsyncEnumerable<(string EditionId, string TipId)> PointersAsync(TableClient table, string subscriberId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partition = SubscriberPartition(subscriberId);
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == partition, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            var cut = row.RowKey.IndexOf('~', StringComparison.Ordinal);
            if (cut > 0)
            {
                yield return (row.RowKey[..cut], row.RowKey[(cut + 1)..]);
            }
        }
    }

    private static async Task<(TableEntity Entity, bool Exists)> ReadCountsRowAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, CountsKey, cancellationToken: cancellationToken);
        return row.HasValue ? (row.Value!, true) : (new TableEntity(partition, CountsKey) { ["Useful"] = 0, ["NotForMe"] = 0 }, false);
    }

    /// <summary>A copy of the counts row with one answer added (+1) or taken away (-1); no answer changes nothing.</summary>
    private static TableEntity Counted(TableEntity counts, FeedbackAnswer? answer, int delta)
    {
        var copy = new TableEntity(counts.PartitionKey, counts.RowKey)
        {
            ["Useful"] = counts.GetInt32("Useful") ?? 0,
            ["NotForMe"] = counts.GetInt32("NotForMe") ?? 0,
        };
        if (answer is { } counted)
        {
            var field = counted == FeedbackAnswer.Useful ? "Useful" : "NotForMe";
            copy[field] = Math.Max(0, (int)copy[field] + delta);
        }

        return copy;
    }
}
