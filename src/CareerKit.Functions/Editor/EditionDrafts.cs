using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CareerKit.Storage;

namespace CareerKit.Editor;

public static class DraftStatus
{
    public const string Draft = "draft";
    public const string Scheduled = "scheduled";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Cancelled = "cancelled";
}

/// <summary>An editor's edition: what it says, its track, and where it stands. <see cref="ETag"/> guards edits.</summary>
public sealed record EditionDraft(
    string Id, Track Track, string Subject, string Preheader, string Intro, IReadOnlyList<string> TipIds,
    string Status, DateTimeOffset? SendAt, string UpdatedBy, DateTimeOffset UpdatedAt, string ETag);

/// <summary>Editors' editions in Table storage, one row each; every write is guarded by the version it was read at.</summary>
public sealed class EditionDrafts(TableStorage storage)
{
    public const string TableName = "drafts";
    private const string Partition = "draft";

    public async Task<EditionDraft> AddAsync(EditionDraft draft, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var response = await table.AddEntityAsync(ToRow(draft), cancellationToken);
        return draft with { ETag = response.Headers.ETag?.ToString() ?? "" };
    }

    public async Task<EditionDraft?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsId(id))
        {
            return null;
        }

        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return row.HasValue ? FromRow(row.Value!) : null;
    }

    public async Task<List<EditionDraft>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var drafts = new List<EditionDraft>();
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            drafts.Add(FromRow(row));
        }

        return [.. drafts.OrderByDescending(draft => draft.UpdatedAt)];
    }

    /// <returns>The stored draft, or null when someone changed it since <paramref name="draft"/>'s version was read.</returns>
    public async Task<EditionDraft?> TryReplaceAsync(EditionDraft draft, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(ToRow(draft), new ETag(draft.ETag), TableUpdateMode.Replace, cancellationToken);
            return draft with { ETag = response.Headers.ETag?.ToString() ?? "" };
        }
        catch (RequestFailedException stale) when (stale.Status is 412 or 404)
        {
            return null;
        }
    }

    public static string NewId() => Guid.NewGuid().ToString("N")[..12];

    private static bool IsId(string id) => id.Length == 12 && id.All(char.IsAsciiHexDigitLower);

    private static TableEntity ToRow(EditionDraft draft) => new(Partition, draft.Id)
    {
        ["Track"] = draft.Track.Code(),
        ["Subject"] = draft.Subject,
        ["Preheader"] = draft.Preheader,
        ["Intro"] = draft.Intro,
        ["TipIds"] = JsonSerializer.Serialize(draft.TipIds),
        ["Status"] = draft.Status,
        ["SendAt"] = draft.SendAt,
        ["UpdatedBy"] = draft.UpdatedBy,
        ["UpdatedAt"] = draft.UpdatedAt,
    };

    private static EditionDraft FromRow(TableEntity row) => new(
        row.RowKey, Tracks.FromCode(row.GetString("Track")), row.GetString("Subject"), row.GetString("Preheader") ?? "", row.GetString("Intro") ?? "",
        JsonSerializer.Deserialize<List<string>>(row.GetString("TipIds") ?? "[]") ?? [], row.GetString("Status"), row.GetDateTimeOffset("SendAt"),
        row.GetString("UpdatedBy") ?? "", row.GetDateTimeOffset("UpdatedAt") ?? default, row.ETag.ToString());
}
