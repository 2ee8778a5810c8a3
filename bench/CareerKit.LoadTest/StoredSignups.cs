using Azure.Data.Tables;
using CareerKit.Hosting;
using CareerKit.Subscriptions;
using Microsoft.Extensions.Options;

namespace CareerKit.LoadTest;

/// <summary>After the run: is every accepted sign-up in storage? Reads the table the app writes.</summary>
internal static class StoredSignups
{
    public static async Task<int> CountLostAsync(string connectionString, string signingKey, IReadOnlyCollection<string> accepted)
    {
        var hasher = new AddressHasher(Options.Create(new CareerKitOptions { SigningKey = signingKey, PublicBaseUrl = "http://localhost" }));
        var table = new TableClient(connectionString, SubscriberStore.TableName);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey"], maxPerPage: 1000))
        {
            stored.Add(row.PartitionKey);
        }

        return accepted.Count(email => !stored.Contains(hasher.IdFor(email)));
    }
}
