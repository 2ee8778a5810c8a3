using System.Text.Json;
using System.Text.Json.Nodes;
using CareerKit.Newsletter;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Faults;

/// <summary>What SendGrid accepted for a run's subscribers: emails beyond the first per person, and people with none.</summary>
public sealed record SendTally(int Subscribers, int Duplicates, int Missed)
{
    public override string ToString() => $"{Subscribers} subscribers: {Duplicates} duplicates, {Missed} missed";
}

/// <summary>
/// The weekly run of issue 10: 1,250 confirmed subscribers (1,000 on the ML track, a full batch; 150 on AI; 100 on
/// both) in tables of the run's own, the weekly timer's fan-out, and the batches it queued, taken off the queue so the
/// test delivers them as the host would.
/// </summary>
public sealed class WeeklySend
{
    private static readonly (Track Track, int Count)[] Population = [(Track.Ml, 1000), (Track.Ai, 150), (Track.Both, 100)];

    private WeeklySend(IReadOnlyList<string> emails, IReadOnlyList<SendBatchMessage> batches) => (Emails, Batches) = (emails, batches);

    public IReadOnlyList<string> Emails { get; }

    public IReadOnlyList<SendBatchMessage> Batches { get; }

    public SendBatchMessage Ml => Batches.Single(batch => batch.Track == Track.Ml);

    public IEnumerable<SendBatchMessage> Others => Batches.Where(batch => batch.Track != Track.Ml);

    /// <summary>Tables of a run's own: its subscribers are in no other test's weekly send, nor theirs in its.</summary>
    public static string NewTablePrefix() => $"fault{Guid.NewGuid():N}"[..16];

    /// <summary>Seeds the subscribers and runs the weekly timer for a week of <paramref name="year"/> (editions no other test has).</summary>
    public static async Task<WeeklySend> RunAsync(CareerKitApp app, int year)
    {
        var store = app.Services.GetRequiredService<SubscriberStore>();
        var hasher = app.Services.GetRequiredService<AddressHasher>();
        var now = app.Time.GetUtcNow();
        var people = Population.SelectMany(group => Enumerable.Range(0, group.Count).Select(index => (Email: CareerKitApp.NewAddress($"week{index}"), group.Track))).ToList();
        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (person, token) =>
        {
            var subscriber = new Subscriber { Id = hasher.IdFor(person.Email), Email = person.Email, Track = person.Track, Status = SubscriberStatus.Confirmed, CreatedAt = now, ConsentedAt = now, ConfirmedAt = now };
            Assert.NotNull(await store.TryAddAsync(subscriber, token));
        });

        var tips = (await app.Services.GetRequiredService<CuratedTips>().CurrentAsync(CancellationToken.None)).Active;
        var result = await app.Services.GetRequiredService<WeeklyTips>().RunAsync(new DateTimeOffset(year, 3, 5, 9, 0, 0, TimeSpan.Zero), tips, CancellationToken.None);
        Assert.Equal(3, result.Batches);

        var queue = app.Services.GetRequiredService<SendQueue>().Client;
        var batches = new List<SendBatchMessage>();
        while (batches.Count < result.Batches)
        {
            foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value)
            {
                batches.Add(JsonSerializer.Deserialize<SendBatchMessage>(message.Body.ToString(), JsonSerializerOptions.Web)!);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return new WeeklySend([.. people.Select(person => person.Email)], batches);
    }

    /// <summary>Counts the edition emails every SendGrid the run used accepted, per subscriber of the run.</summary>
    public SendTally Count(params FakeSendGrid[] sendGrids)
    {
        var received = sendGrids.SelectMany(sendGrid => sendGrid.Sent).SelectMany(Recipients).CountBy(email => email).ToDictionary();
        return new SendTally(
            Emails.Count,
            Emails.Sum(email => Math.Max(0, received.GetValueOrDefault(email) - 1)),
            Emails.Count(email => received.GetValueOrDefault(email) == 0));
    }

    /// <summary>SendGrid's "processed" event for every recipient of every edition request it accepted, as its webhook posts them.</summary>
    public static string ProcessedEvents(FakeSendGrid sendGrid) => new JsonArray([.. sendGrid.Sent
        .Where(IsEdition)
        .SelectMany(body => body["personalizations"]!.AsArray())
        .Select(personalization => (JsonNode)new JsonObject
        {
            ["event"] = "processed",
            ["sg_event_id"] = Guid.NewGuid().ToString("N"),
            ["email"] = personalization!["to"]![0]!["email"]!.GetValue<string>(),
            ["edition_id"] = personalization["custom_args"]!["edition_id"]!.GetValue<string>(),
            ["subscriber_id"] = personalization["custom_args"]!["subscriber_id"]!.GetValue<string>(),
        })]).ToJsonString();

    private static bool IsEdition(JsonObject body) => CapturedEmail.From(body).Categories.Any(category => category.StartsWith("tips-", StringComparison.Ordinal));

    private static IEnumerable<string> Recipients(JsonObject body) => IsEdition(body)
        ? body["personalizations"]!.AsArray().Select(item => item!["to"]![0]!["email"]!.GetValue<string>())
        : [];
}
