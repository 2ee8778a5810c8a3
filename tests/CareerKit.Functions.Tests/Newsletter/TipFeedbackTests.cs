using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CareerKit.Newsletter;
using CareerKit.Storage;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Newsletter;

/// <summary>"Useful" / "Not for me" under each tip: signed per subscriber, edition and tip; GET records nothing; the button does, once.</summary>
public sealed class TipFeedbackTests
{
    /// <summary>An app with tables of its own (the counts are per tip), a confirmed subscriber and a sent edition.</summary>
    /// <param name="storage">The storage connection string, when a test puts storage behind a fault proxy.</param>
    internal static async Task<SentEdition> SentEditionAsync(int year, string? storage = null)
    {
        var settings = new Dictionary<string, string?> { ["CareerKit:TablePrefix"] = $"fb{Guid.NewGuid():N}"[..14] };
        if (storage is not null)
        {
            settings["AzureWebJobsStorage"] = storage;
        }

        var app = await CareerKitApp.StartAsync(settings, clockStart: new DateTimeOffset(year, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var email = CareerKitApp.NewAddress("feedback");
        await app.SubscribeAndConfirmAsync(email, "ml");
        var edition = await StoredEditions.StoreAsync(app, Track.Ml, year, queued: true);
        var subscriber = (await app.FindSubscriberAsync(email))!;
        return new SentEdition(app, email, subscriber.Id, edition);
    }

    internal sealed record SentEdition(CareerKitApp App, string Email, string SubscriberId, EditionRecord Edition) : IAsyncDisposable
    {
        /// <summary>The link under the edition's tip at <paramref name="index"/>, as the subscriber's email carries it.</summary>
        public string Link(int index, string answer = "useful") =>
            App.Services.GetRequiredService<FeedbackLinks>().For(SubscriberId, Edition.Id, Edition.TipIds[index]) + "&answer=" + answer;

        public Task<HttpResponseMessage> PressAsync(string link, string answer) =>
            App.Client.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = answer }));

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    /// <summary>The feedback table's rows: answers (one per edition, tip and subscriber) and each subscriber's pointers to them.</summary>
    internal static async Task<(List<TableEntity> Answers, List<TableEntity> Pointers, Dictionary<string, (int Useful, int NotForMe)> Counts)> RowsAsync(CareerKitApp app)
    {
        var table = await app.Services.GetRequiredService<TableStorage>().GetTableAsync(FeedbackStore.TableName, CancellationToken.None);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return (
            [.. rows.Where(row => row.PartitionKey.StartsWith("tip~", StringComparison.Ordinal) && row.RowKey != "counts")],
            [.. rows.Where(row => row.PartitionKey.StartsWith("subscriber~", StringComparison.Ordinal))],
            rows.Where(row => row.RowKey == "counts").ToDictionary(row => row.PartitionKey["tip~".Length..], row => (row.GetInt32("Useful") ?? 0, row.GetInt32("NotForMe") ?? 0)));
    }

    [Fact]
    public async Task Each_tip_of_a_sent_edition_ends_with_the_recipients_own_feedback_links_and_the_archive_carries_none()
    {
        await using var app = await CareerKitApp.StartAsync(
            new Dictionary<string, string?> { ["CareerKit:TablePrefix"] = $"fb{Guid.NewGuid():N}"[..14] },
            clockStart: new DateTimeOffset(2161, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var email = CareerKitApp.NewAddress("feedback");
        await app.SubscribeAndConfirmAsync(email, "ml");
        await app.RunTimerAsync(NewsletterTimers.WeeklyTipsFunction);
        var message = (await app.Services.GetRequiredService<SendQueue>().Client.ReceiveMessagesAsync(32)).Value
            .Select(item => JsonSerializer.Deserialize<SendBatchMessage>(item.Body.ToString(), JsonSerializerOptions.Web)!).Single(batch => batch.Track == Track.Ml);
        var sentBefore = app.SendGrid.Sent.Count;

        Assert.Equal(SendBatchOutcome.Sent, await app.DeliverBatchAsync(message));

        var body = Assert.Single(app.SendGrid.Sent.Skip(sentBefore));
        var edition = (await app.Services.GetRequiredService<EditionStore>().FindAsync(Track.Ml, message.IsoWeek, CancellationToken.None))!;
        var html = CapturedEmail.From(body).Html;
        var substitutions = (JsonObject)body["personalizations"]![0]!["substitutions"]!;
        Assert.Equal(edition.TipIds.Count, System.Text.RegularExpressions.Regex.Matches(html, "Was this tip useful\\?").Count);
        for (var index = 0; index < edition.TipIds.Count; index++)
        {
            var placeholder = EditionComposer.FeedbackPlaceholder(index);
            Assert.Contains($"href=\"{placeholder}&amp;answer=useful\"", html, StringComparison.Ordinal);
            var link = substitutions[placeholder + "-text"]!.GetValue<string>();
            Assert.Equal(WebUtility.HtmlEncode(link), substitutions[placeholder]!.GetValue<string>());
            Assert.Contains($"tip={edition.TipIds[index]}&", link, StringComparison.Ordinal);
            var page = await app.Client.GetAsync(link + "&answer=useful");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(WebUtility.HtmlEncode(app.Services.GetRequiredService<CuratedTips>().Seeds.Single(tip => tip.Id == edition.TipIds[index]).Title),
                await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var archived = await app.Client.GetStringAsync($"/archive/{edition.Id}");
        Assert.DoesNotContain("api/feedback", archived, StringComparison.Ordinal);
        Assert.DoesNotContain("ckph-", archived, StringComparison.Ordinal);
        Assert.DoesNotContain("Was this tip useful", archived, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_feedback_link_as_a_mail_scanner_does_records_nothing_and_shows_one_button_per_answer()
    {
        await using var week = await SentEditionAsync(2162);
        var link = week.Link(0);

        var opened = await week.App.Client.GetAsync(link);
        var head = await week.App.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, link));
        var page = await opened.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Contains("<form method=\"post\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"answer\" value=\"useful\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"answer\" value=\"not-for-me\"", page, StringComparison.Ordinal);
        var (answers, _, counts) = await RowsAsync(week.App);
        Assert.Empty(answers);
        Assert.Empty(counts);
    }

    [Fact]
    public async Task Pressing_a_button_records_one_answer_a_replay_records_nothing_and_a_change_moves_one_count()
    {
        await using var week = await SentEditionAsync(2163);
        var link = week.Link(1);
        var tip = week.Edition.TipIds[1];

        var first = await week.PressAsync(link, "useful");
        var replay = await week.PressAsync(link, "useful");
        var afterReplay = await RowsAsync(week.App);
        var changed = await week.PressAsync(link, "not-for-me");
        var reopened = await (await week.App.Client.GetAsync(link)).Content.ReadAsStringAsync();
        var (answers, pointers, counts) = await RowsAsync(week.App);
        var figures = await week.App.Services.GetRequiredService<FeedbackFigures>().ByTipAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("\"Useful\" is recorded", WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Contains("nothing changed", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(afterReplay.Answers);
        Assert.Equal((1, 0), afterReplay.Counts[tip]);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("your answer is now \"Not for me\"", WebUtility.HtmlDecode(await changed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("not-for-me", Assert.Single(answers).GetString("Answer"));
        Assert.Single(pointers);
        Assert.Equal((0, 1), counts[tip]);
        Assert.Contains("aria-pressed=\"true\">Not for me</button>", reopened, StringComparison.Ordinal);
        Assert.Equal(new TipFigures(Sent: 1, Useful: 0, NotForMe: 1), figures[tip]);
        Assert.Equal(new TipFigures(Sent: 1, Useful: 0, NotForMe: 0), figures[week.Edition.TipIds[0]]);
    }

    public static TheoryData<string> BadLinks => new() { "tampered", "other-edition", "other-tip", "expired", "no-token" };

    [Theory]
    [MemberData(nameof(BadLinks))]
    public async Task A_tampered_expired_or_foreign_feedback_link_answers_4xx_and_records_nothing(string kind)
    {
        await using var week = await SentEditionAsync(2164);
        var other = await StoredEditions.StoreAsync(week.App, Track.Ml, 2165, queued: true);
        var link = week.Link(0);
        var token = System.Text.RegularExpressions.Regex.Match(link, "token=(?<t>[^&]+)").Groups["t"].Value;
        var bad = kind switch
        {
            // One character of the signature changed.
            "tampered" => link.Replace(token, token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..], StringComparison.Ordinal),
            "other-edition" => link.Replace($"edition={week.Edition.Id}", $"edition={other.Id}", StringComparison.Ordinal),
            "other-tip" => link.Replace($"tip={week.Edition.TipIds[0]}&", $"tip={week.Edition.TipIds[1]}&", StringComparison.Ordinal),
            "no-token" => link.Replace($"token={token}", "token=", StringComparison.Ordinal),
            _ => link,
        };
        if (kind == "expired")
        {
            week.App.Time.Advance(TimeSpan.FromDays(181));
        }

        var shown = await week.App.Client.GetAsync(bad);
        var pressed = await week.PressAsync(bad, "useful");

        if (kind != "expired")
        {
            Assert.NotEqual(link, bad);
        }

        Assert.Equal(HttpStatusCode.BadRequest, shown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, pressed.StatusCode);
        Assert.Contains(kind == "expired" ? "This link has expired" : "This link doesn", await pressed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (answers, pointers, counts) = await RowsAsync(week.App);
        Assert.Empty(answers);
        Assert.Empty(pointers);
        Assert.Empty(counts);
    }

    [Fact]
    public async Task A_press_without_an_answer_is_a_400_page_and_records_nothing()
    {
        await using var week = await SentEditionAsync(2166);

        var empty = await week.App.Client.PostAsync(week.Link(0), new FormUrlEncodedContent([]));
        var unknown = await week.PressAsync(week.Link(0), "meh");

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Choose an answer", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await RowsAsync(week.App)).Answers);
    }
}
