using System.Net;
using System.Text.Json;
using CareerKit.Newsletter;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Newsletter;

/// <summary>The weekly timer function, fired as the host fires it and by the standalone scheduler, against Azurite.</summary>
public sealed class WeeklyTipsTests
{
    private static async Task<CareerKitApp> StartInWeekAsync(int year, bool scheduler = false)
    {
        var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:LocalScheduler"] = scheduler ? "true" : "false" });
        app.Time.SetUtcNow(new DateTimeOffset(year, 3, 2, 9, 0, 0, TimeSpan.Zero)); // A Monday in a week no other test uses.
        return app;
    }

    private static async Task<List<SendBatchMessage>> BatchesForWeekAsync(CareerKitApp app, string isoWeek)
    {
        var queue = app.Services.GetRequiredService<SendQueue>().Client;
        var found = new List<SendBatchMessage>();
        for (var round = 0; round < 20; round++)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (messages.Length == 0)
            {
                break;
            }

            found.AddRange(messages
                .Select(message => JsonSerializer.Deserialize<SendBatchMessage>(message.Body.ToString(), JsonSerializerOptions.Web)!)
                .Where(batch => batch.IsoWeek == isoWeek));
        }

        return found;
    }

    private static async Task<string> ConfirmedAsync(CareerKitApp app, string track)
    {
        var email = CareerKitApp.NewAddress(track);
        await app.SubscribeAndConfirmAsync(email, track);
        return (await app.FindSubscriberAsync(email))!.Id;
    }

    [Fact]
    public async Task The_weekly_run_queues_every_confirmed_subscriber_once_in_their_track_and_nobody_else()
    {
        await using var app = await StartInWeekAsync(2101);
        var ml = new[] { await ConfirmedAsync(app, "ml"), await ConfirmedAsync(app, "ml") };
        var both = await ConfirmedAsync(app, "both");
        var pending = CareerKitApp.NewAddress("pending");
        await app.SignUpAsync(pending, "ml");
        var leaver = CareerKitApp.NewAddress("leaver");
        await app.SubscribeAndConfirmAsync(leaver, "ml");
        await app.Client.PostAsync(app.LinkFor(leaver, "api/subscriptions/unsubscribe", TokenPurpose.Unsubscribe),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));

        await app.RunTimerAsync(NewsletterTimers.WeeklyTipsFunction);

        Assert.Contains(app.Logs.Lines, line => line.Contains("WeeklyTips: composed 3, queued 3 edition(s)", StringComparison.Ordinal));

        var batches = await BatchesForWeekAsync(app, "2101-W09");
        var byTrack = batches.GroupBy(batch => batch.Track).ToDictionary(group => group.Key, group => group.SelectMany(batch => batch.SubscriberIds).ToList());
        Assert.All(ml, id => Assert.Single(byTrack[Track.Ml], queued => queued == id));
        Assert.Single(byTrack[Track.Both], queued => queued == both);
        var everyone = byTrack.Values.SelectMany(ids => ids).ToList();
        Assert.DoesNotContain((await app.FindSubscriberAsync(pending))!.Id, everyone);
        Assert.DoesNotContain((await app.FindSubscriberAsync(leaver))!.Id, everyone);
        Assert.DoesNotContain(both, byTrack.GetValueOrDefault(Track.Ml, []));
        Assert.All(batches, batch => Assert.True(batch.SubscriberIds.Count <= SendQueue.MaxBatchSize));
        Assert.Subset(batches.Select(batch => batch.EditionId).ToHashSet(), new HashSet<string> { "2101-W09-both", "2101-W09-ml" });
    }

    [Fact]
    public async Task A_second_or_past_due_run_in_the_same_week_creates_and_queues_nothing()
    {
        await using var app = await StartInWeekAsync(2102);
        await ConfirmedAsync(app, "ai");
        await app.RunTimerAsync(NewsletterTimers.WeeklyTipsFunction);
        var first = await BatchesForWeekAsync(app, "2102-W09");

        await app.RunTimerAsync(NewsletterTimers.WeeklyTipsFunction);
        await app.RunTimerAsync(NewsletterTimers.WeeklyTipsFunction, pastDue: true);

        Assert.Contains(app.Logs.Lines, line => line.Contains("WeeklyTips: composed 0, queued 0 edition(s)", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, line => line.Contains("WeeklyTips (past due): composed 0, queued 0 edition(s)", StringComparison.Ordinal));
        Assert.NotEmpty(first);
        Assert.Empty(await BatchesForWeekAsync(app, "2102-W09"));
    }

    [Fact]
    public async Task Next_week_s_edition_brings_tips_the_track_has_not_had()
    {
        await using var app = await StartInWeekAsync(2103);
        var store = app.Services.GetRequiredService<EditionStore>();

        await app.RunTimerAsync(NewsletterTimers.WeeklyTipsFunction);
        app.Time.Advance(TimeSpan.FromDays(7));
        await app.RunTimerAsync(NewsletterTimers.WeeklyTipsFunction);

        var first = await store.FindAsync(Track.Ml, "2103-W09", CancellationToken.None);
        var second = await store.FindAsync(Track.Ml, "2103-W10", CancellationToken.None);
        Assert.Equal(3, first!.TipIds.Count);
        Assert.Empty(first.TipIds.Intersect(second!.TipIds));
        Assert.Contains("here are this week", await store.HtmlAsync(second.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Standalone_the_local_scheduler_runs_the_weekly_edition_on_schedule()
    {
        // Sunday 2104-03-02 09:00 UTC: the next occurrence of "0 0 9 * * Mon" is the next morning (ISO week 10).
        await using var app = await CareerKitApp.StartAsync(
            new Dictionary<string, string?> { ["CareerKit:LocalScheduler"] = "true" },
            clockStart: new DateTimeOffset(2104, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var store = app.Services.GetRequiredService<EditionStore>();
        await app.TimerWaitingAsync(NewsletterTimers.WeeklyTipsFunction);
        Assert.Null(await store.FindAsync(Track.Ai, "2104-W10", CancellationToken.None));

        app.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(EditionStatus.Queued, (await WaitForEditionAsync(store, "2104-W10"))?.Status);
    }

    private static async Task<EditionRecord?> WaitForEditionAsync(EditionStore store, string isoWeek)
    {
        EditionRecord? edition = null;
        for (var attempt = 0; attempt < 200 && edition?.Status != EditionStatus.Queued; attempt++)
        {
            await Task.Delay(50);
            edition = await store.FindAsync(Track.Ai, isoWeek, CancellationToken.None);
        }

        return edition;
    }

    [Fact]
    public async Task Standalone_the_scheduled_edition_reaches_each_confirmed_subscriber_through_the_queue()
    {
        await using var app = await CareerKitApp.StartAsync(
            new Dictionary<string, string?> { ["CareerKit:LocalScheduler"] = "true" },
            clockStart: new DateTimeOffset(2107, 3, 6, 12, 0, 0, TimeSpan.Zero)); // A Sunday.
        var email = CareerKitApp.NewAddress("weekly");
        await app.SubscribeAndConfirmAsync(email, "both", "Kim");
        await app.TimerWaitingAsync(NewsletterTimers.WeeklyTipsFunction);

        app.Time.Advance(TimeSpan.FromDays(1));

        CapturedEmail? edition = null;
        for (var attempt = 0; attempt < 200 && edition is null; attempt++)
        {
            await Task.Delay(50);
            edition = app.SendGrid.Sent.Select(CapturedEmail.From).FirstOrDefault(sent => sent.Categories.Contains("tips-both"));
        }

        Assert.NotNull(edition);
        var mine = edition.Body["personalizations"]!.AsArray().Single(item => item!["to"]![0]!["email"]!.GetValue<string>() == email)!;
        Assert.Equal(" Kim", mine["substitutions"]![EditionComposer.FirstNamePlaceholder]!.GetValue<string>());
        Assert.Equal("2107-W10-both", mine["custom_args"]!["edition_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Standalone_a_batch_SendGrid_refuses_goes_to_the_poison_queue_instead_of_retrying_forever()
    {
        await using var app = await CareerKitApp.StartAsync(
            new Dictionary<string, string?> { ["CareerKit:LocalScheduler"] = "true" },
            clockStart: new DateTimeOffset(2108, 3, 4, 12, 0, 0, TimeSpan.Zero)); // A Sunday.
        await app.SubscribeAndConfirmAsync(CareerKitApp.NewAddress("refused"), "ai");
        app.SendGrid.FailAlways(400);
        await app.TimerWaitingAsync(NewsletterTimers.WeeklyTipsFunction);

        app.Time.Advance(TimeSpan.FromDays(1));

        var poison = app.Services.GetRequiredService<SendQueue>().Poison;
        // Other tests' confirmed subscribers share the storage account, so batches of other tracks may be
        // poisoned first; wait for this subscriber's track.
        static bool IsAiBatch(Azure.Storage.Queues.Models.PeekedMessage message) =>
            message.Body.ToString().Contains("\"track\":\"ai\"", StringComparison.Ordinal);
        Azure.Storage.Queues.Models.PeekedMessage[] poisoned = [];
        for (var attempt = 0; attempt < 300 && !poisoned.Any(IsAiBatch); attempt++)
        {
            await Task.Delay(50);
            if (await poison.ExistsAsync())
            {
                poisoned = (await poison.PeekMessagesAsync(32)).Value;
            }
        }

        Assert.Contains(poisoned, IsAiBatch);
    }
}
