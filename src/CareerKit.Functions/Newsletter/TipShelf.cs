using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CareerKit.Storage;

namespace CareerKit.Newsletter;

/// <summary>A tip as editors left it, with the version that guards the next edit.</summary>
public sealed record ShelvedTip(Tip Tip, string ETag, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>
/// Editors' tips in Table storage, one row each: new tips, edited seed tips (same id) and retirements.
/// Every write is guarded by the version it was read at.
/// </summary>
public sealed class TipShelf(TableStorage storage)
{
    public const string TableName = "tips";
    private const string Partition = "tip";

    public async Task<List<ShelvedTip>> AllAsync(CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var tips = new List<ShelvedTip>();
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            tips.Add(FromRow(row));
        }

        return tips;
    }

    /// <returns>The stored tip, or null when a tip with its id is on the shelf already.</returns>
    public async Task<ShelvedTip?> TryAddAsync(Tip tip, string editor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        try
        {
            var response = await table.AddEntityAsync(ToRow(tip, editor, at), cancellationToken);
            return new ShelvedTip(tip, response.Headers.ETag?.ToString() ?? "", editor, at);
        }
        catch (RequestFailedException taken) when (taken.Status == 409)
        {
            return null;
        }
    }

    /// <returns>The stored tip, or null when someone changed it since <paramref name="version"/> was read.</returns>
    public async Task<ShelvedTip?> TryReplaceAsync(Tip tip, string version, string editor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(ToRow(tip, editor, at), new ETag(version), TableUpdateMode.Replace, cancellationToken);
            return new ShelvedTip(tip, response.Headers.ETag?.ToString() ?? "", editor, at);
        }
        catch (RequestFailedException stale) when (stale.Status is 412 or 404)
        {
            return null;
        }
    }

    private static TableEntity ToRow(Tip tip, string editor, DateTimeOffset at) => new(Partition, tip.Id)
    {
        ["Title"] = tip.Title,
        ["Tracks"] = JsonSerializer.Serialize(tip.Tracks),
        ["Topic"] = tip.Topic,
        ["Source"] = tip.Source,
        ["Body"] = tip.Body,
        ["Retired"] = tip.Retired,
        ["Start"] = tip.Start,
        ["UpdatedBy"] = editor,
        ["UpdatedAt"] = at,
    };

    private static ShelvedTip FromRow(TableEntity row) => new(
        new Tip(row.RowKey, row.GetString("Title") ?? "", JsonSerializer.Deserialize<List<string>>(row.GetString("Tracks") ?? "[]") ?? [],
            row.GetString("Topic") ?? "", row.GetString("Source") ?? "", row.GetString("Body") ?? "") { Retired = row.GetBoolean("Retired") ?? false, Start = row.GetInt32("Start") },
        row.ETag.ToString(), row.GetString("UpdatedBy") ?? "", row.GetDateTimeOffset("UpdatedAt") ?? default);
}
