using Azure.Data.Tables;
using CareerKit.Hosting;
using CareerKit.Storage;
using CareerKit.Subscriptions;
using Microsoft.Extensions.Options;

namespace CareerKit.NewsletterBench;

/// <summary>Confirmed subscribers across the three tracks, stored through the app's own SubscriberStore.</summary>
internal static class Seeder
{
    public static async Task SeedConfirmedAsync(string connectionString, string signingKey, int count, Action<int> progress)
    {
        var store = new SubscriberStore(new TableStorage(new TableServiceClient(connectionString), new StorageNames("")));
        var hasher = new AddressHasher(Options.Create(new CareerKitOptions { SigningKey = signingKey, PublicBaseUrl = "http://localhost" }));
        Track[] tracks = [Track.Ml, Track.Ai, Track.Both];
        var now = DateTimeOffset.UtcNow;
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (index, token) =>
        {
            var email = $"reader{index:D6}@bench.example";
            await store.TryAddAsync(new Subscriber
            {
                Id = hasher.IdFor(email),
                Email = email,
                FirstName = index % 2 == 0 ? $"Reader {index}" : null,
                Track = tracks[index % tracks.Length],
                Status = SubscriberStatus.Confirmed,
                CreatedAt = now,
                ConsentedAt = now,
                ConfirmedAt = now,
            }, token);
            if (Interlocked.Increment(ref done) % 5000 == 0)
            {
                progress(done);
            }
        });
    }
}
