using System.Net;
using System.Text.Json;
using CareerKit.Newsletter;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Faults;

/// <summary>SendGrid's event webhook when storage fails part-way through a batch, and SendGrid delivers the batch again.</summary>
public sealed class WebhookFaultTests
{
    private const int Subscribers = 200;

    /// <param name="request">What the request at which storage resets starts with and contains.</param>
    /// <param name="passing">How many such requests pass before it.</param>
    [Theory]
    [InlineData("PUT ", "/subscribers(", 60)] // While suppressing: the 61st subscriber write, with 60 suppressed.
    [InlineData("POST ", "/$batch", 3)] // While marking events done: after the receipts' 2 transactions and the first 90 marks.
    public async Task A_batch_cut_off_by_a_storage_reset_and_posted_again_suppresses_everyone_and_counts_each_bounce_once(string method, string request, int passing)
    {
        using var signer = new WebhookSigner();
        await using var storage = await FaultyStorage.InFrontOfAsync();
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["SendGrid:WebhookPublicKey"] = signer.PublicKey,
        });
        var ids = await SeedConfirmedAsync(app, Subscribers);
        var edition = $"2026-W50-ml-{Guid.NewGuid():N}";
        var batch = JsonSerializer.Serialize(ids.Select(id => new Dictionary<string, string>
        {
            ["event"] = "bounce", ["sg_event_id"] = Guid.NewGuid().ToString(), ["subscriber_id"] = id, ["edition_id"] = edition, ["email"] = "someone@example.com",
        }));

        var seen = 0;
        storage.OnTableRequest = line =>
        {
            if (line.StartsWith(method, StringComparison.Ordinal) && line.Contains(request, StringComparison.Ordinal) && Interlocked.Increment(ref seen) > passing)
            {
                storage.Mode = FaultMode.Down;
            }
        };
        var cutOff = await app.Client.SendAsync(signer.Request(batch, app.Time.GetUtcNow()));
        storage.OnTableRequest = null;
        storage.Mode = FaultMode.Up;

        var again = await app.Client.SendAsync(signer.Request(batch, app.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, cutOff.StatusCode);
        Assert.NotNull(cutOff.Headers.RetryAfter);
        Assert.True(seen > passing, "The reset came part-way through the batch.");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(Subscribers, await CountSuppressedAsync(app, ids));
        var counts = await app.Services.GetRequiredService<EventRecorder>().AllCountsAsync(CancellationToken.None);
        Assert.Equal(Subscribers, counts[edition]["bounce"]);
    }

    private static async Task<List<string>> SeedConfirmedAsync(CareerKitApp app, int count)
    {
        var store = app.Services.GetRequiredService<SubscriberStore>();
        var hasher = app.Services.GetRequiredService<AddressHasher>();
        var now = app.Time.GetUtcNow();
        var subscribers = Enumerable.Range(0, count).Select(_ => CareerKitApp.NewAddress()).Select(email => new Subscriber
        {
            Id = hasher.IdFor(email), Email = email, Track = Track.Ml, Status = SubscriberStatus.Confirmed, CreatedAt = now, ConsentedAt = now, ConfirmedAt = now,
        }).ToList();
        await Parallel.ForEachAsync(subscribers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (subscriber, token) =>
            Assert.NotNull(await store.TryAddAsync(subscriber, token)));
        return subscribers.ConvertAll(subscriber => subscriber.Id);
    }

    private static async Task<int> CountSuppressedAsync(CareerKitApp app, IEnumerable<string> ids)
    {
        var store = app.Services.GetRequiredService<SubscriberStore>();
        var suppressed = 0;
        foreach (var id in ids)
        {
            suppressed += (await store.FindAsync(id, CancellationToken.None))?.Status == SubscriberStatus.Suppressed ? 1 : 0;
        }

        return suppressed;
    }
}
