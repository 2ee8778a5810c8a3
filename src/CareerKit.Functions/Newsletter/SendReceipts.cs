using Azure.Data.Tables;
using CareerKit.Storage;

namespace CareerKit.Newsletter;

/// <summary>
/// Which recipients SendGrid has reported an edition for: any webhook event that names an edition and a subscriber
/// ("processed" first, then "delivered", "bounce" ...). SendGrid accepts or refuses a mail/send request as a whole,
/// so one receipt for anyone in a batch proves the whole batch was accepted: that is how a batch whose outcome
/// went unrecorded is settled without sending it twice. A sign-up email's receipt lies in a partition of its own
/// (<see cref="SignupEmailPartition"/>), so the sign-up email outbox settles a lost answer the same way.
/// </summary>
public sealed class SendReceipts(TableStorage storage)
{
    public const string TableName = "sendreceipts";
    private const int MaxTransaction = 100;
    private const int ParallelTransactions = 8;

    /// <summary>The partition of a sign-up email's receipts: edition ids start with their ISO year, never with a letter.</summary>
    public static string SignupEmailPartition(string signupEmailId) => "signup-" + signupEmailId;

    /// <summary>Records many at once: a transaction per edition and 100 recipients, a few in parallel.</summary>
    public async Task RecordAllAsync(IEnumerable<(string EditionId, string SubscriberId)> receipts, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var transactions = receipts.Distinct().GroupBy(receipt => receipt.EditionId).SelectMany(edition => edition.Chunk(MaxTransaction));
        await Parallel.ForEachAsync(transactions, new ParallelOptions { MaxDegreeOfParallelism = ParallelTransactions, CancellationToken = cancellationToken }, async (chunk, token) =>
            await table.SubmitTransactionAsync(
                chunk.Select(receipt => new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity(receipt.EditionId, receipt.SubscriberId))), token));
    }

    /// <summary>
    /// Whether SendGrid reported the edition for any of these subscribers. A batch's ids were taken in key order,
    /// so its receipts lie in one key range: one query, which stops at the first of them.
    /// </summary>
    public async Task<bool> AnyForAsync(string editionId, IReadOnlyCollection<string> subscriberIds, CancellationToken cancellationToken)
    {
        if (subscriberIds.Count == 0)
        {
            return false;
        }

        var wanted = subscriberIds.ToHashSet(StringComparer.Ordinal);
        var (first, last) = (wanted.Min(StringComparer.Ordinal)!, wanted.Max(StringComparer.Ordinal)!);
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var inRange = TableClient.CreateQueryFilter($"PartitionKey eq {editionId} and RowKey ge {first} and RowKey le {last}");
        await foreach (var row in table.QueryAsync<TableEntity>(inRange, maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (wanted.Contains(row.RowKey))
            {
                return true;
            }
        }

        return false;
    }
}
