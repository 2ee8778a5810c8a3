using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CareerKit.Storage;

namespace CareerKit.Newsletter;

public enum EditionStatus
{
    /// <summary>Composed and stored; its send batches are not all queued yet.</summary>
    Composed,
    /// <summary>Every send batch is on the queue.</summary>
    Queued,
}

/// <summary>An edition's record: one row per track and ISO week, the rendered email in Blob storage.</summary>
public sealed record EditionRecord(string Id, string Track, string IsoWeek, string Subject, string Preheader, IReadOnlyList<string> TipIds, EditionStatus Status, int Batches, int Recipients, string ETag);

/// <summary>
/// Editions in Table storage (one row per track and ISO week: the insert that wins is the one edition of
/// that week, whatever the number of instances or runs) and their HTML and text in Blob storage.
/// </summary>
public sealed class EditionStore(TableStorage tables, BlobServiceClient blobs)
{
    public const string TableName = "editions";
    public const string ContainerName = "editions";

    /// <returns>The stored record, or null when this track already has an edition this week.</returns>
    public async Task<EditionRecord?> TryCreateAsync(Edition edition, CancellationToken cancellationToken)
    {
        // Content first: a row never points at an email that is not there.
        var container = blobs.GetBlobContainerClient(ContainerName);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await container.GetBlobClient($"{edition.Id}.html").UploadAsync(BinaryData.FromString(edition.Html), overwrite: true, cancellationToken);
        await container.GetBlobClient($"{edition.Id}.txt").UploadAsync(BinaryData.FromString(edition.Text), overwrite: true, cancellationToken);

        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var row = new TableEntity(edition.Track, edition.IsoWeek)
        {
            ["EditionId"] = edition.Id,
            ["Subject"] = edition.Subject,
            ["Preheader"] = edition.Preheader,
            ["TipIds"] = string.Join(',', edition.TipIds),
            ["Status"] = EditionStatus.Composed.ToString(),
            ["Batches"] = 0,
            ["Recipients"] = 0,
        };
        try
        {
            var response = await table.AddEntityAsync(row, cancellationToken);
            row.ETag = response.Headers.ETag ?? default;
            return ToRecord(row);
        }
        catch (RequestFailedException exists) when (exists.Status == 409)
        {
            return null;
        }
    }

    public async Task<EditionRecord?> FindAsync(string track, string isoWeek, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(track, isoWeek, cancellationToken: cancellationToken);
        return row.HasValue ? ToRecord(row.Value!) : null;
    }

    /// <summary>The tip ids of the track's editions, oldest first: the history the rotation is derived from.</summary>
    public async Task<List<IReadOnlyList<string>>> TipHistoryAsync(string track, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var history = new List<IReadOnlyList<string>>();
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == track, select: ["TipIds"], cancellationToken: cancellationToken))
        {
            history.Add(Split(row.GetString("TipIds")));
        }

        return history; // Row keys are ISO weeks, so storage order is week order.
    }

    /// <summary>The editions that went out (all their batches queued), newest week first.</summary>
    public async Task<List<EditionRecord>> SentAsync(CancellationToken cancellationToken) =>
        [.. (await AllAsync(cancellationToken)).Where(record => record.Status == EditionStatus.Queued)];

    /// <summary>Every edition, newest week first.</summary>
    public async Task<List<EditionRecord>> AllAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var all = new List<EditionRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            all.Add(ToRecord(row));
        }

        return [.. all.OrderByDescending(record => record.IsoWeek, StringComparer.Ordinal).ThenBy(record => record.Track, StringComparer.Ordinal)];
    }

    public async Task MarkQueuedAsync(EditionRecord record, int batches, int recipients, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var update = new TableEntity(record.Track, record.IsoWeek)
        {
            ["Status"] = EditionStatus.Queued.ToString(),
            ["Batches"] = batches,
            ["Recipients"] = recipients,
        };
        await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<string> HtmlAsync(string editionId, CancellationToken cancellationToken) =>
        (await blobs.GetBlobContainerClient(ContainerName).GetBlobClient($"{editionId}.html").DownloadContentAsync(cancellationToken)).Value.Content.ToString();

    public async Task<(string Html, string Text)> ContentAsync(string editionId, CancellationToken cancellationToken) =>
        (await HtmlAsync(editionId, cancellationToken),
         (await blobs.GetBlobContainerClient(ContainerName).GetBlobClient($"{editionId}.txt").DownloadContentAsync(cancellationToken)).Value.Content.ToString());

    private static EditionRecord ToRecord(TableEntity row) => new(
        row.GetString("EditionId"), row.PartitionKey, row.RowKey, row.GetString("Subject"), row.GetString("Preheader") ?? "",
        Split(row.GetString("TipIds")), Enum.Parse<EditionStatus>(row.GetString("Status")), row.GetInt32("Batches") ?? 0, row.GetInt32("Recipients") ?? 0, row.ETag.ToString());

    private static IReadOnlyList<string> Split(string? ids) => string.IsNullOrEmpty(ids) ? [] : ids.Split(',');
}
