using Azure.Data.Tables;
using CareerKit.Storage;

namespace CareerKit.Editor;

public sealed record AuditEntry(DateTimeOffset At, string Editor, string Action, string Detail);

/// <summary>Every editor action: who, what, when. Newest first, by an inverted-time row key.</summary>
public sealed class AuditLog(TableStorage storage, TimeProvider time)
{
    public const string TableName = "audit";
    private const string Partition = "audit";

    public async Task RecordAsync(string editor, string action, string detail, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var rowKey = $"{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}-{Guid.NewGuid():N}";
        await table.AddEntityAsync(new TableEntity(Partition, rowKey) { ["At"] = now, ["Editor"] = editor, ["Action"] = action, ["Detail"] = detail }, cancellationToken);
    }

    public async Task<List<AuditEntry>> LatestAsync(int count, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var entries = new List<AuditEntry>(count);
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == Partition, maxPerPage: count, cancellationToken: cancellationToken))
        {
            entries.Add(new AuditEntry(row.GetDateTimeOffset("At") ?? default, row.GetString("Editor"), row.GetString("Action"), row.GetString("Detail") ?? ""));
            if (entries.Count == count)
            {
                break;
            }
        }

        return entries;
    }
}
