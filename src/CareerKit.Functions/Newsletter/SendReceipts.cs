using Azure.Data.Tables;
using CareerKit.Storage;

namespace CareerKit.Newsletter;

/// <summary>
/// Which recipients SendGrid is known to have accepted an edition for: any webhook event that names an
/// edition and a subscriber ("processed" first, then "delivered", "bounce" ...) proves it. A batch whose
/// sender died between the SendGrid request and the ledger write is recovered from these, so nobody gets
/// the edition twice.
/// </summary>
public sealed class SendReceipts(TableStorage storage)
{
    public const string TableName = "sendreceipts";

    public async Task RecordAsync(string editionId, string subscriberId, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(editionId, subscriberId), TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<bool> ExistsAsync(string editionId, string subscriberId, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        return (await table.GetEntityIfExistsAsync<TableEntity>(editionId, subscriberId, select: ["PartitionKey"], cancellationToken: cancellationToken)).HasValue;
    }
}
