using Azure;
using Azure.Data.Tables;
using CareerKit.Storage;

namespace CareerKit.Newsletter;

/// <summary>Where one batch of an edition stands. Stored in lower case ("sent"), as rows written before this type were.</summary>
public enum BatchStatus
{
    /// <summary>An attempt holds the batch for a lease and has not called SendGrid: if it dies, nothing went out.</summary>
    Claimed,
    /// <summary>The request to SendGrid is made or about to be: until its answer is recorded, SendGrid may have the batch.</summary>
    Sending,
    Sent,
    /// <summary>SendGrid did not take it (unreachable, or 5xx after the retries): the next attempt may send at once.</summary>
    Failed,
    /// <summary>SendGrid refused it with a 4xx that retrying cannot fix: never sent again.</summary>
    Rejected,
    /// <summary>Held: SendGrid may have it but reported no event within the window; nothing is resent and editors see it.</summary>
    Unknown,
}

/// <summary>A batch's ledger row: its status, when the current lease began, when it was handed to SendGrid and for how many recipients.</summary>
public sealed record LedgerEntry(string EditionId, int Batch, BatchStatus Status, DateTimeOffset ClaimedAt, DateTimeOffset? RequestedAt, int? Recipients, ETag ETag);

/// <summary>
/// Table "sendledger": one row per (edition, batch). Every change of hands is conditional on the row's version, so of
/// two attempts (re-delivered messages, instances) one holds a batch; an outcome SendGrid gave is written as it is.
/// </summary>
public sealed class SendLedger(TableStorage tables)
{
    public const string TableName = "sendledger";

    public async Task<LedgerEntry?> FindAsync(string editionId, int batch, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(editionId, RowKey(batch), cancellationToken: cancellationToken);
        return row.HasValue ? ToEntry(row.Value!, batch) : null;
    }

    /// <summary>Takes the batch for a new attempt: a new row, or over <paramref name="current"/> as it was read.</summary>
    /// <returns>The claim, or null when another attempt changed the row first.</returns>
    public Task<LedgerEntry?> TryClaimAsync(string editionId, int batch, LedgerEntry? current, DateTimeOffset now, CancellationToken cancellationToken) =>
        TryWriteAsync(new LedgerEntry(editionId, batch, BatchStatus.Claimed, now, null, null, current?.ETag ?? default), isNew: current is null, cancellationToken);

    /// <summary>Says, before the request, that SendGrid may get the batch; the lease starts again to cover the request and the recording of its answer.</summary>
    /// <returns>The row now, or null when the claim's lease ran out and another attempt took the batch.</returns>
    public Task<LedgerEntry?> TryMarkSendingAsync(LedgerEntry claim, int recipients, DateTimeOffset now, CancellationToken cancellationToken) =>
        TryWriteAsync(claim with { Status = BatchStatus.Sending, ClaimedAt = now, RequestedAt = now, Recipients = recipients }, isNew: false, cancellationToken);

    /// <returns>False when another attempt changed the row first.</returns>
    public async Task<bool> TryHoldAsync(LedgerEntry entry, int recipients, CancellationToken cancellationToken) =>
        await TryWriteAsync(entry with { Status = BatchStatus.Unknown, Recipients = recipients }, isNew: false, cancellationToken) is not null;

    /// <summary>Records what SendGrid answered (or that nobody was left): a fact, whoever holds the row now.</summary>
    public async Task RecordAsync(string editionId, int batch, BatchStatus status, int recipients, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(editionId, RowKey(batch)) { ["Status"] = Code(status), ["Recipients"] = recipients }, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Recipients of held batches (status unknown) per edition id, in one scan of the ledger's few rows per edition.</summary>
    public async Task<Dictionary<string, int>> UnknownRecipientsAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var unknown = Code(BatchStatus.Unknown);
        var byEdition = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.GetString("Status") == unknown, select: ["PartitionKey", "Recipients"], cancellationToken: cancellationToken))
        {
            byEdition[row.PartitionKey] = byEdition.GetValueOrDefault(row.PartitionKey) + (row.GetInt32("Recipients") ?? 0);
        }

        return byEdition;
    }

    private async Task<LedgerEntry?> TryWriteAsync(LedgerEntry entry, bool isNew, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var row = new TableEntity(entry.EditionId, RowKey(entry.Batch))
        {
            ["Status"] = Code(entry.Status),
            ["ClaimedAt"] = entry.ClaimedAt,
            ["RequestedAt"] = entry.RequestedAt,
            ["Recipients"] = entry.Recipients,
        };
        try
        {
            var response = isNew
                ? await table.AddEntityAsync(row, cancellationToken)
                : await table.UpdateEntityAsync(row, entry.ETag, TableUpdateMode.Replace, cancellationToken);
            return entry with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException lost) when (lost.Status is 409 or 412)
        {
            return null;
        }
    }

    private static LedgerEntry ToEntry(TableEntity row, int batch) => new(
        row.PartitionKey,
        batch,
        Enum.Parse<BatchStatus>(row.GetString("Status") ?? nameof(BatchStatus.Claimed), ignoreCase: true),
        row.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue,
        row.GetDateTimeOffset("RequestedAt"),
        row.GetInt32("Recipients"),
        row.ETag);

    private static string RowKey(int batch) => $"batch-{batch:D5}";

    private static string Code(BatchStatus status) => status.ToString().ToLowerInvariant();
}
