using Azure;
using Azure.Data.Tables;
using CareerKit.Storage;

namespace CareerKit.Newsletter;

public enum EditionStatus
{
    /// <summary>Composed and stored; its send batches are not all queued yet.</summary>
    Composed,
    /// <summary>Every send batch is on the queue.</summary>
    Queued,
    /// <summary>An editor's edition waiting for its time; it holds its track's week, so the timer composes none.</summary>
    Scheduled,
}

/// <summary>An edition's record: one row per track and ISO week, the rendered email in Blob storage.</summary>
public sealed record EditionRecord(string Id, Track Track, string IsoWeek, string Subject, string Preheader, IReadOnlyList<string> TipIds, EditionStatus Status, int Batches, int Recipients, string ETag)
{
    /// <summary>When a scheduled edition goes out.</summary>
    public DateTimeOffset? SendAt { get; init; }
}

/// <summary>
/// Editions in Table storage (one row per track and ISO week: the insert that wins is the one edition of
/// that week, whatever the number of instances or runs) and their HTML and text in Blob storage.
/// </summary>
public sealed class EditionStore(TableStorage tables, BlobContainers containers)
{
    public const string TableName = "editions";
    public const string ContainerName = "editions";

    /// <returns>The stored record, or null when this track already has an edition this week.</returns>
    public Task<EditionRecord?> TryCreateAsync(Edition edition, CancellationToken cancellationToken) => TryCreateAsync(edition, null, cancellationToken);

    /// <summary>Stores an editor's edition to go out at <paramref name="sendAt"/>, holding its track's week.</summary>
    /// <returns>The stored record, or null when this track already has an edition that week.</returns>
    public Task<EditionRecord?> TryScheduleAsync(Edition edition, DateTimeOffset sendAt, CancellationToken cancellationToken) => TryCreateAsync(edition, sendAt, cancellationToken);

    /// <summary>Cancels a scheduled edition: its week is free again. False when it is no longer scheduled.</summary>
    public async Task<bool> TryUnscheduleAsync(Track track, string isoWeek, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(track.Code(), isoWeek, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value!.GetString("Status") != EditionStatus.Scheduled.ToString())
        {
            return false;
        }

        try
        {
            await table.DeleteEntityAsync(track.Code(), isoWeek, row.Value.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException moved) when (moved.Status is 404 or 412)
        {
            return false; // The dispatcher started it in the meantime.
        }
    }

    /// <summary>Scheduled editions whose time has come.</summary>
    public async Task<List<EditionRecord>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var status = EditionStatus.Scheduled.ToString();
        var due = new List<EditionRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.GetString("Status") == status, cancellationToken: cancellationToken))
        {
            if (row.GetDateTimeOffset("SendAt") is { } sendAt && sendAt <= now)
            {
                due.Add(ToRecord(row));
            }
        }

        return due;
    }

    /// <summary>Scheduled → composed, guarded by the row's version: of two dispatchers, one starts it.</summary>
    public async Task<EditionRecord?> TryStartAsync(EditionRecord scheduled, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(new TableEntity(scheduled.Track.Code(), scheduled.IsoWeek) { ["Status"] = EditionStatus.Composed.ToString() }, new ETag(scheduled.ETag), TableUpdateMode.Merge, cancellationToken);
            return scheduled with { Status = EditionStatus.Composed, ETag = response.Headers.ETag?.ToString() ?? "" };
        }
        catch (RequestFailedException lost) when (lost.Status is 404 or 412)
        {
            return null;
        }
    }

    private async Task<EditionRecord?> TryCreateAsync(Edition edition, DateTimeOffset? sendAt, CancellationToken cancellationToken)
    {
        if (await FindAsync(edition.Track, edition.IsoWeek, cancellationToken) is not null)
        {
            return null; // Never touch the content of the week's edition that is there.
        }

        // Content first: a row never points at an email that is not there.
        var container = containers.Get(ContainerName);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await container.GetBlobClient($"{edition.Id}.html").UploadAsync(BinaryData.FromString(edition.Html), overwrite: true, cancellationToken);
        await container.GetBlobClient($"{edition.Id}.txt").UploadAsync(BinaryData.FromString(edition.Text), overwrite: true, cancellationToken);

        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var row = new TableEntity(edition.Track.Code(), edition.IsoWeek)
        {
            ["EditionId"] = edition.Id,
            ["Subject"] = edition.Subject,
            ["Preheader"] = edition.Preheader,
            ["TipIds"] = string.Join(',', edition.TipIds),
            ["Status"] = (sendAt is null ? EditionStatus.Composed : EditionStatus.Scheduled).ToString(),
            ["SendAt"] = sendAt,
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

    public async Task<EditionRecord?> FindAsync(Track track, string isoWeek, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(track.Code(), isoWeek, cancellationToken: cancellationToken);
        return row.HasValue ? ToRecord(row.Value!) : null;
    }

    /// <summary>The tip ids of the track's editions, oldest first: the history the rotation is derived from.</summary>
    public async Task<List<IReadOnlyList<string>>> TipHistoryAsync(Track track, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var history = new List<IReadOnlyList<string>>();
        var code = track.Code();
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == code, select: ["TipIds"], cancellationToken: cancellationToken))
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

        return [.. all.OrderByDescending(record => record.IsoWeek, StringComparer.Ordinal).ThenBy(record => record.Track.Code(), StringComparer.Ordinal)];
    }

    public async Task MarkQueuedAsync(EditionRecord record, int batches, int recipients, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken);
        var update = new TableEntity(record.Track.Code(), record.IsoWeek)
        {
            ["Status"] = EditionStatus.Queued.ToString(),
            ["Batches"] = batches,
            ["Recipients"] = recipients,
        };
        await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<string> HtmlAsync(string editionId, CancellationToken cancellationToken) =>
        (await containers.Get(ContainerName).GetBlobClient($"{editionId}.html").DownloadContentAsync(cancellationToken)).Value.Content.ToString();

    public async Task<(string Html, string Text)> ContentAsync(string editionId, CancellationToken cancellationToken) =>
        (await HtmlAsync(editionId, cancellationToken),
         (await containers.Get(ContainerName).GetBlobClient($"{editionId}.txt").DownloadContentAsync(cancellationToken)).Value.Content.ToString());

    private static EditionRecord ToRecord(TableEntity row) => new(
        row.GetString("EditionId"), Tracks.FromCode(row.PartitionKey), row.RowKey, row.GetString("Subject"), row.GetString("Preheader") ?? "",
        Split(row.GetString("TipIds")), Enum.Parse<EditionStatus>(row.GetString("Status")), row.GetInt32("Batches") ?? 0, row.GetInt32("Recipients") ?? 0, row.ETag.ToString())
    {
        SendAt = row.GetDateTimeOffset("SendAt"),
    };

    private static IReadOnlyList<string> Split(string? ids) => string.IsNullOrEmpty(ids) ? [] : ids.Split(',');
}
