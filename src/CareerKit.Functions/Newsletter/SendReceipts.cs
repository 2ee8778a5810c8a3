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
    private const int MaxTransaction = 100;
    private const int ParallelTransactions = 8;

    public async Task RecordAsync(string editionId, string subscriberId, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(editionId, subscriberId), TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Records many at once: a transaction per edition and 100 recipients, a few in parallel.</summary>
    public async Task RecordAllAsync(IEnumerable<(string EditionId, string SubscriberId)> receipts, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var transactions = receipts.Distinct().GroupBy(receipt => receipt.EditionId).SelectMany(edition => edition.Chunk(MaxTransaction));
        await Parallel.ForEachAsync(transactions, new ParallelOptions { MaxDegreeOfParallelism = ParallelTransactions, CancellationToken = cancellationToken }, async (chunk, token) =>
            await table.SubmitTransactionAsync(
                chunk.Select(receipt => new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity(receipt.EditionId, receipt.SubscriberId))), token));
    }

    public async Task<bool> ExistsAsync(string editionId, string subscriberId, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        return (await table.GetEntityIfExistsAsync<TableEntity>(editionId, subscriberId, select: ["PartitionKey"], cancellationToken: cancellationToken)).HasValue;
    }
}
