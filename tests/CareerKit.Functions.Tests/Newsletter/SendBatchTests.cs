using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareerKit.Newsletter;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Newsletter;

/// <summary>The queue function through its custom-handler entry point, with the fake SendGrid.</summary>
public sealed class SendBatchTests
{
    private static async Task<(CareerKitApp App, List<SendBatchMessage> Batches, string Email)> WeekWithSubscriberAsync(int year, string firstName)
    {
        var app = await CareerKitApp.StartAsync();
        app.Time.SetUtcNow(new DateTimeOffset(year, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var email = CareerKitApp.NewAddress("reader");
        await app.SubscribeAndConfirmAsync(email, "ml", firstName);
        await app.RunTimerAsync(NewsletterTimers.WeeklyTipsFunction);
        var queue = app.Services.GetRequiredService<SendQueue>().Client;
        var batches = new List<SendBatchMessage>();
        for (var round = 0; round < 20; round++)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (messages.Length == 0)
            {
                break;
            }

            batches.AddRange(messages.Select(message => JsonSerializer.Deserialize<SendBatchMessage>(message.Body.ToString(), JsonSerializerOptions.Web)!)
                .Where(batch => batch.IsoWeek.StartsWith($"{year}-", StringComparison.Ordinal)));
        }

        return (app, batches, email);
    }

    [Fact]
    public async Task A_batch_is_one_mail_send_with_a_personalization_per_confirmed_recipient()
    {
        var (app, batches, email) = await WeekWithSubscriberAsync(2105, "Ada & Co");
        await using var _ = app;
        var mine = batches.Single(batch => batch.Track == Track.Ml);
        var sentBefore = app.SendGrid.Sent.Count;

        var outcome = await app.DeliverBatchAsync(mine);

        Assert.Equal(SendBatchOutcome.Sent, outcome);
        var body = Assert.Single(app.SendGrid.Sent.Skip(sentBefore));
        Assert.Equal("tips-ml", body["categories"]![0]!.GetValue<string>());
        var personalization = body["personalizations"]!.AsArray().Select(item => item!.AsObject())
            .Single(item => item["to"]![0]!["email"]!.GetValue<string>() == email);
        Assert.Equal(" Ada &amp; Co", personalization["substitutions"]![EditionComposer.FirstNamePlaceholder]!.GetValue<string>());
        Assert.Equal(" Ada & Co", personalization["substitutions"]![EditionComposer.FirstNamePlaceholder + "-text"]!.GetValue<string>());
        Assert.StartsWith("<http://127.0.0.1:", personalization["headers"]!["List-Unsubscribe"]!.GetValue<string>());
        Assert.Equal("List-Unsubscribe=One-Click", personalization["headers"]!["List-Unsubscribe-Post"]!.GetValue<string>());
        Assert.Equal(mine.EditionId, personalization["custom_args"]!["edition_id"]!.GetValue<string>());
        Assert.Equal(mine.SubscriberIds.Count, body["personalizations"]!.AsArray().Count);
        Assert.Contains(EditionComposer.FirstNamePlaceholder, body["content"]!.AsArray().Single(part => part!["type"]!.GetValue<string>() == "text/html")!["value"]!.GetValue<string>());
        Assert.Equal("text/plain", body["content"]![0]!["type"]!.GetValue<string>()); // SendGrid wants the text part first.

        // The recipient's own unsubscribe link works with one click.
        var unsubscribe = personalization["substitutions"]![EditionComposer.UnsubscribePlaceholder + "-text"]!.GetValue<string>();
        var clicked = await app.Client.PostAsync(unsubscribe, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await app.FindSubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task A_redelivered_batch_sends_nothing_again_and_leavers_are_skipped()
    {
        var (app, batches, email) = await WeekWithSubscriberAsync(2106, "Lin");
        await using var _ = app;
        var mine = batches.Single(batch => batch.Track == Track.Ml);
        await app.Client.PostAsync(app.LinkFor(email, "api/subscriptions/unsubscribe", TokenPurpose.Unsubscribe),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        var sentBefore = app.SendGrid.Sent.Count;

        var first = await app.DeliverBatchAsync(mine);
        var again = await app.DeliverBatchAsync(mine);

        Assert.NotNull(first);
        Assert.Equal(SendBatchOutcome.AlreadySent, again);
        var sent = app.SendGrid.Sent.Skip(sentBefore).ToList();
        Assert.True(sent.Count <= 1);
        Assert.DoesNotContain(sent.SelectMany(body => body["personalizations"]!.AsArray()), item => item!["to"]![0]!["email"]!.GetValue<string>() == email);
    }

    [Fact]
    public async Task SendGrid_answering_429_is_tried_again_after_its_Retry_After_and_the_batch_goes_out_once()
    {
        var (app, batches, email) = await WeekWithSubscriberAsync(2109, "Noor");
        await using var _ = app;
        var mine = batches.Single(batch => batch.Track == Track.Ml);
        var (sentBefore, attemptsBefore) = (app.SendGrid.Sent.Count, app.SendGrid.Attempts);
        app.SendGrid.FailNext(429, retryAfter: TimeSpan.FromSeconds(3));

        var sending = app.DeliverBatchAsync(mine);
        await WaitUntilAsync(() => app.SendGrid.Attempts == attemptsBefore + 1);
        // Move the app's clock on in small steps until the retry comes: it must not come before Retry-After.
        var waited = TimeSpan.Zero;
        while (app.SendGrid.Attempts == attemptsBefore + 1 && waited < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(20);
            app.Time.Advance(TimeSpan.FromMilliseconds(100));
            waited += TimeSpan.FromMilliseconds(100);
        }

        var outcome = await sending;

        Assert.InRange(waited, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20)); // The backoff alone retries after about 0.2 s.
        Assert.Equal(SendBatchOutcome.Sent, outcome);
        Assert.Equal(attemptsBefore + 2, app.SendGrid.Attempts);
        var body = Assert.Single(app.SendGrid.Sent.Skip(sentBefore));
        Assert.Contains(body["personalizations"]!.AsArray(), item => item!["to"]![0]!["email"]!.GetValue<string>() == email);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 400 && !condition(); attempt++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }

    [Fact]
    public async Task A_full_batch_of_1000_subscribers_is_taken_by_the_queue_trigger()
    {
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:TablePrefix"] = $"full{Guid.NewGuid():N}"[..14] });
        var record = await StoredEditions.StoreAsync(app, Track.Ml, 2148);
        var ids = Enumerable.Range(0, SendQueue.MaxBatchSize).Select(_ => Guid.NewGuid().ToString("N")).Order(StringComparer.Ordinal).ToList(); // Ids as long as subscribers' (nobody's, here).

        var outcome = await app.DeliverBatchAsync(new SendBatchMessage(record.Id, record.Track, record.IsoWeek, 0, ids));

        Assert.Equal(SendBatchOutcome.NobodyLeft, outcome);
    }

    [Fact]
    public async Task A_batch_message_that_cannot_be_read_goes_to_the_poison_queue_at_once_and_sends_nothing()
    {
        await using var app = await CareerKitApp.StartAsync();
        var sentBefore = app.SendGrid.Attempts;

        var missing = await app.DeliverQueueMessageAsync("""{"editionId":"x"}""");
        var garbled = await app.DeliverQueueMessageAsync("not json");

        Assert.Null(missing);
        Assert.Null(garbled);
        var poisoned = (await app.Services.GetRequiredService<SendQueue>().Poison.PeekMessagesAsync(32)).Value.Select(message => message.Body.ToString()).ToList();
        Assert.Contains("not json", poisoned);
        Assert.Contains("""{"editionId":"x"}""", poisoned);
        Assert.Equal(sentBefore, app.SendGrid.Attempts);
    }
}
