using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareerKit.Editor;
using CareerKit.Newsletter;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Editor;

/// <summary>The send gate through the real app: the editor API refuses a failing edition, the timers send none.</summary>
public sealed class SendGateTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2133, 3, 7, 6, 0, 0, TimeSpan.Zero); // A Monday, before the weekly send at 09:00.
    private EditorApi _api = null!;
    private CareerKitApp _app = null!;
    private HttpClient _editor = null!;
    private List<Tip> _mlTips = null!;

    public async Task InitializeAsync()
    {
        _api = await EditorApi.StartAsync("gate", Start);
        (_app, _editor, _mlTips) = (_api.App, _api.Editor, _api.MlTips);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    /// <summary>A draft with two errors (a Liquid placeholder and an http link) and one warning (a shortened link).</summary>
    private Task<(string Id, string ETag)> CreateFailingDraftAsync() =>
        _api.CreateDraftAsync(new
        {
            track = "ml",
            subject = "Two tips for the week",
            preheader = "Read on",
            intro = "Hello {{ first_name }}! See [the old page](http://example.org/old) and [this](https://bit.ly/3xyz).",
            tipIds = new[] { _mlTips[0].Id, _mlTips[1].Id },
        });

    private static async Task<string> GateProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("The edition cannot be sent yet.", problem["title"]!.GetValue<string>());
        static string Rules(JsonNode? list) => string.Join(",", list!.AsArray().Select(item => item!["rule"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(problem["reasons"]!.AsArray(), reason => Assert.False(string.IsNullOrWhiteSpace(reason!["message"]!.GetValue<string>())));
        return $"errors {Rules(problem["reasons"])}; warnings {Rules(problem["warnings"])}";
    }

    [Fact]
    public async Task Scheduling_sending_now_or_testing_a_failing_draft_is_refused_422_with_every_reason()
    {
        var (id, etag) = await CreateFailingDraftAsync();

        var scheduled = await Post($"/api/editor/drafts/{id}/schedule", etag, new { sendAt = Start.AddHours(1) });
        var tested = await Post($"/api/editor/drafts/{id}/test", null, new { to = "editor@example.com" });
        var preview = await (await _editor.GetAsync($"/api/editor/drafts/{id}/preview")).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal("errors link,placeholder; warnings shortener", await GateProblemAsync(scheduled));
        Assert.Equal("errors link,placeholder; warnings shortener", await GateProblemAsync(tested));
        Assert.False(preview!["check"]!["passes"]!.GetValue<bool>());
        Assert.Equal(2, preview["check"]!["errors"]!.AsArray().Count);
        var draft = await (await _editor.GetAsync($"/api/editor/drafts/{id}")).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(DraftStatus.Draft, draft!["status"]!.GetValue<string>());
        Assert.Null(await _app.Services.GetRequiredService<EditionStore>().FindAsync(Track.Ml, Edition.IsoWeekOf(Start), CancellationToken.None));
        Assert.Empty(_app.SendGrid.Sent);
    }

    [Fact]
    public async Task Once_fixed_the_same_draft_schedules()
    {
        var (id, etag) = await CreateFailingDraftAsync();
        var edited = await Put($"/api/editor/drafts/{id}", etag, new
        {
            track = "ml", subject = "Two tips for the week", preheader = "Read on", intro = "Hello! See [the page](https://example.org/new).", tipIds = new[] { _mlTips[0].Id, _mlTips[1].Id },
        });

        var scheduled = await Post($"/api/editor/drafts/{id}/schedule", edited.Headers.ETag!.ToString(), new { sendAt = Start.AddHours(1) });

        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
    }

    [Fact]
    public async Task The_weekly_timer_sends_no_edition_that_fails_the_gate_and_logs_why()
    {
        var ml = CareerKitApp.NewAddress("gate-ml");
        var ai = CareerKitApp.NewAddress("gate-ai");
        await _app.SubscribeAndConfirmAsync(ml, "ml");
        await _app.SubscribeAndConfirmAsync(ai, "ai");
        // An editor leaves a placeholder in a tip only the ML edition picks this week.
        var active = (await _app.Services.GetRequiredService<CuratedTips>().CurrentAsync(CancellationToken.None)).Active;
        var aiTips = TipRotation.Choose(active, Track.Ai, []).Chosen;
        var broken = TipRotation.Choose(active, Track.Ml, []).Chosen.First(tip => !aiTips.Contains(tip));
        var edit = await _app.Services.GetRequiredService<TipDesk>().EditAsync(broken.Id, TipCatalog.SeedVersion,
            new TipInput(broken.Id, broken.Title, broken.Tracks, broken.Topic, broken.Source, broken.Body + "\n\nAsk {{ manager_name }} about it."), "editor", CancellationToken.None);
        Assert.True(edit.Succeeded);
        _app.Time.Advance(TimeSpan.FromHours(3)); // 09:00: the weekly timer's time.

        var before = _app.Logs.Lines.Count;
        await _app.RunTimerAsync(NewsletterTimers.WeeklyTipsFunction);
        await SendQueuedBatchesAsync();

        Assert.Contains(_app.Logs.Lines.Skip(before), line => line.Contains("WeeklyTips: composed", StringComparison.Ordinal) && line.Contains("stopped by the send gate: 1", StringComparison.Ordinal));
        Assert.DoesNotContain(_app.SendGrid.EmailsTo(ml), email => email.Categories.Contains("tips-ml"));
        Assert.Single(_app.SendGrid.EmailsTo(ai), email => email.Categories.Contains("tips-ai")); // The other tracks go out as usual.
        Assert.Null(await _app.Services.GetRequiredService<EditionStore>().FindAsync(Track.Ml, Edition.IsoWeekOf(Start), CancellationToken.None)); // The week stays free for an editor.
        var logged = Assert.Single(_app.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains("failed the send gate", StringComparison.Ordinal));
        Assert.Contains($"{Edition.IsoWeekOf(Start)}-ml", logged);
        Assert.Contains("{{ manager_name }}", logged);
        Assert.DoesNotContain("@", logged); // No addresses.
    }

    [Fact]
    public async Task The_dispatcher_starts_no_scheduled_edition_that_fails_the_gate()
    {
        await _app.SubscribeAndConfirmAsync(CareerKitApp.NewAddress("gate-dispatch"), "ml");
        var composer = _app.Services.GetRequiredService<EditionComposer>();
        // Stored as it would have been before the gate's rules changed: scheduled, content in place.
        var edition = composer.Compose(Track.Ml, Start, new EditionContent("Hi", "", null, [_mlTips[0]]), _app.BaseAddress + "archive");
        await _app.Services.GetRequiredService<EditionStore>().TryScheduleAsync(edition, Start.AddMinutes(1), CancellationToken.None);
        _app.Time.Advance(TimeSpan.FromMinutes(2));

        var before = _app.Logs.Lines.Count;
        await _app.RunTimerAsync(NewsletterTimers.DispatchScheduledFunction);
        await SendQueuedBatchesAsync();

        Assert.DoesNotContain(_app.Logs.Lines.Skip(before), line => line.Contains("DispatchScheduled: started", StringComparison.Ordinal));
        Assert.DoesNotContain(_app.SendGrid.Sent.Select(CapturedEmail.From), email => email.Categories.Contains("tips-ml"));
        Assert.Equal(EditionStatus.Scheduled, (await _app.Services.GetRequiredService<EditionStore>().FindAsync(Track.Ml, edition.IsoWeek, CancellationToken.None))!.Status);
        Assert.Contains(_app.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains($"{edition.Id} failed the send gate", StringComparison.Ordinal) && line.Contains("2 characters", StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> Post(string path, string? etag, object body) => Send(HttpMethod.Post, path, etag, body);

    private Task<HttpResponseMessage> Put(string path, string? etag, object body) => Send(HttpMethod.Put, path, etag, body);

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string? etag, object body) => _api.SendAsync(method, path, etag, body);

    private async Task SendQueuedBatchesAsync()
    {
        var queue = _app.Services.GetRequiredService<SendQueue>().Client;
        await queue.CreateIfNotExistsAsync();
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                var batch = JsonSerializer.Deserialize<SendBatchMessage>(message.Body.ToString(), JsonSerializerOptions.Web)!;
                Assert.NotNull(await _app.DeliverBatchAsync(batch));
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }
}
