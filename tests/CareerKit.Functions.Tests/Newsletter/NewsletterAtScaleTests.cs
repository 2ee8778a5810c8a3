using CareerKit.Newsletter;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Newsletter;

/// <summary>
/// The whole standalone path with 5,000 subscribers in every state: the scheduler fires WeeklyTips, batches go
/// through the Azurite queue, the poller runs SendBatch against the fake SendGrid.
/// </summary>
public sealed class NewsletterAtScaleTests
{
    private const int Subscribers = 5000;

    [Fact]
    public async Task Five_thousand_subscribers_in_mixed_states_get_exactly_one_email_each_if_confirmed_and_none_otherwise()
    {
        await using var app = await CareerKitApp.StartAsync(
            // Tables of its own: its thousands of subscribers would otherwise be in every other test's weekly send.
            new Dictionary<string, string?> { ["CareerKit:LocalScheduler"] = "true", ["CareerKit:TablePrefix"] = $"scale{Guid.NewGuid():N}"[..16] },
            clockStart: new DateTimeOffset(2115, 3, 3, 12, 0, 0, TimeSpan.Zero)); // A Sunday: the weekly run is due tomorrow.
        var population = await SeedAsync(app);
        var confirmed = population.Where(person => person.Status == SubscriberStatus.Confirmed).Select(person => person.Email).ToHashSet();

        app.Time.Advance(TimeSpan.FromDays(1));

        var received = new List<(string Email, string Category)>();
        for (var wait = 0; wait < 1200 && received.Count(item => confirmed.Contains(item.Email)) < confirmed.Count; wait++)
        {
            await Task.Delay(100);
            received = Received(app);
        }

        // Every batch done and off the queue: a duplicate, were there one, would have been sent by now.
        var queue = app.Services.GetRequiredService<SendQueue>().Client;
        for (var wait = 0; wait < 600 && (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0; wait++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var seeded = population.Select(person => person.Email).ToHashSet();
        received = Received(app).Where(item => seeded.Contains(item.Email)).ToList();
        Assert.Equal(confirmed.Order(), received.Select(item => item.Email).Order()); // Every confirmed subscriber, once.
        foreach (var person in population.Where(person => person.Status == SubscriberStatus.Confirmed))
        {
            Assert.Equal($"tips-{person.Track.Code()}", received.Single(item => item.Email == person.Email).Category); // "both" gets one email, from its own edition.
        }
    }

    private sealed record Person(string Email, Track Track, SubscriberStatus Status);

    /// <summary>Confirmed 60 %, then pending, unsubscribed, erased and suppressed 10 % each, across the three tracks.</summary>
    private static async Task<List<Person>> SeedAsync(CareerKitApp app)
    {
        var store = app.Services.GetRequiredService<SubscriberStore>();
        var hasher = app.Services.GetRequiredService<AddressHasher>();
        var now = app.Time.GetUtcNow();
        SubscriberStatus[] states = [.. Enumerable.Repeat(SubscriberStatus.Confirmed, 6), SubscriberStatus.Pending, SubscriberStatus.Unsubscribed, SubscriberStatus.Erased, SubscriberStatus.Suppressed];
        var people = Enumerable.Range(0, Subscribers)
            .Select(index => new Person(CareerKitApp.NewAddress($"scale{index}"), Tracks.All[index % 3], states[index % states.Length]))
            .ToList();
        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (person, token) =>
        {
            var subscriber = new Subscriber
            {
                Id = hasher.IdFor(person.Email),
                Email = person.Email,
                Track = person.Track,
                Status = person.Status,
                CreatedAt = now,
                ConsentedAt = now,
            };
            Assert.NotNull(await store.TryAddAsync(person.Status == SubscriberStatus.Erased ? subscriber.Erase(now) : subscriber, token));
        });
        return people;
    }

    private static List<(string Email, string Category)> Received(CareerKitApp app) =>
        [.. app.SendGrid.Sent.Select(CapturedEmail.From)
            .Where(email => email.Categories.Any(category => category.StartsWith("tips-", StringComparison.Ordinal)))
            .SelectMany(email => email.Body["personalizations"]!.AsArray().Select(item => (item!["to"]![0]!["email"]!.GetValue<string>(), email.Categories[0])))];
}
