using System.Net;
using CareerKit.Newsletter;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Editor;

/// <summary>The edition pages as a browser without script uses them: forms with antiforgery tokens, inline errors, redirects after success.</summary>
public sealed class EditorEditionPagesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2121, 6, 7, 6, 0, 0, TimeSpan.Zero); // A Monday.
    private CareerKitApp _app = null!;
    private EditorBrowser _browser = null!;
    private List<Tip> _aiTips = null!;

    public async Task InitializeAsync()
    {
        _app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:TablePrefix"] = $"pg{Guid.NewGuid():N}"[..14] }, clockStart: Start);
        _browser = new EditorBrowser(_app);
        Assert.Equal(HttpStatusCode.Redirect, (await _browser.SignInAsync(await EditorBrowser.AddEditorAsync(_app, "page-editor"))).StatusCode);
        _aiTips = [.. _app.Services.GetRequiredService<CuratedTips>().Seeds.Where(tip => tip.Tracks.SequenceEqual(["ai"]))];
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _app.DisposeAsync();
    }

    private (string, string)[] Edition(string subject = "Agents, carefully", params string[] tips) =>
        [("track", "ai"), ("subject", subject), ("preheader", "Two tips"), ("intro", "Hello **there**."), .. (tips.Length > 0 ? tips : [_aiTips[0].Id, _aiTips[1].Id]).Select(id => ("tipIds", id)), ("do", "save")];

    private async Task<string> CreateAsync(params (string, string)[] fields)
    {
        var created = await _browser.PostFormAsync("/editor/editions/new", "/editor/editions/new", fields);
        Assert.Equal(HttpStatusCode.SeeOther, created.StatusCode);
        return created.Headers.Location!.OriginalString;
    }

    private static string Field(string html, string name) =>
        WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, $"""name="{name}" value="(?<v>[^"]*)" """.TrimEnd()).Groups["v"].Value);

    [Fact]
    public async Task Saving_the_compose_form_makes_a_draft_whose_page_shows_the_preview_the_subscriber_will_get()
    {
        var location = await CreateAsync(Edition());
        var page = await _browser.Client.GetStringAsync(location);
        var id = location.Split('/', '?')[3];
        var email = await _browser.Client.GetAsync($"/editor/editions/{id}/preview");
        var html = await email.Content.ReadAsStringAsync();

        Assert.StartsWith("/editor/editions/", location, StringComparison.Ordinal);
        Assert.Contains("Draft saved.", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"status status-draft\">draft</span>", page, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(_aiTips[1].Title), page, StringComparison.Ordinal); // In the plain-text version.
        Assert.Matches(@"HTML: \d+\.\d KB", page);
        Assert.Equal("text/html", email.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Hello <strong>there</strong>.", html, StringComparison.Ordinal);
        Assert.Contains("Alex", html, StringComparison.Ordinal);
        Assert.Contains("unsubscribe", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_tip_picker_filters_by_topic_and_words_and_keeps_what_was_typed_and_picked()
    {
        var picked = _aiTips[0];
        var other = _aiTips.First(tip => tip.Topic != picked.Topic);
        var filtered = await _browser.PostFormAsync("/editor/editions/new", "/editor/editions/new",
            ("track", "ai"), ("subject", "Half written"), ("tipIds", picked.Id), ("topic", other.Topic), ("q", ""), ("do", "filter"));
        var html = await filtered.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
        Assert.Contains("value=\"Half written\"", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"tip-{picked.Id}\" name=\"tipIds\" value=\"{picked.Id}\" checked", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"tip-{other.Id}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(_aiTips.Where(tip => tip.Topic != other.Topic && tip.Id != picked.Id), tip => html.Contains($"id=\"tip-{tip.Id}\"", StringComparison.Ordinal));
        Assert.DoesNotContain(_app.Services.GetRequiredService<CuratedTips>().Seeds.Where(tip => tip.Tracks.SequenceEqual(["ml"])), tip => html.Contains($"id=\"tip-{tip.Id}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_form_with_problems_comes_back_with_each_problem_next_to_its_field_and_nothing_saved()
    {
        var refused = await _browser.PostFormAsync("/editor/editions/new", "/editor/editions/new",
            ("track", "ai"), ("subject", new string('s', 151)), ("intro", new string('x', 21 * 1024)), ("tipIds", "no-such-tip"), ("do", "save"));
        var html = await refused.Content.ReadAsStringAsync();
        var home = await _browser.Client.GetStringAsync("/editor");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The edition was not saved", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"error\" id=\"subject-error\">Keep the subject to 150 characters; it has 151.</span>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"intro-error\">Keep the intro under 20 KB of Markdown.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"tips-error\">No tip has the id &#x27;no-such-tip&#x27;.", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"subject-error\"", html, StringComparison.Ordinal);
        Assert.Contains("None yet.", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subject_or_preheader_with_a_line_break_comes_back_with_the_problem_next_to_that_field_and_a_NUL_is_a_400()
    {
        var refused = await _browser.PostFormAsync("/editor/editions/new", "/editor/editions/new",
            ("track", "ai"), ("subject", "Agents\r\nBcc: everyone@example.com"), ("preheader", "Two\ntips"), ("tipIds", _aiTips[0].Id), ("do", "save"));
        var html = await refused.Content.ReadAsStringAsync();
        // The framework's form reader refuses a form with %00 anywhere in it, before any field is looked at.
        var withNul = await _browser.PostFormAsync("/editor/editions/new", "/editor/editions/new",
            ("track", "ai"), ("subject", "Agents\0"), ("preheader", "Two tips"), ("tipIds", _aiTips[0].Id), ("do", "save"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"subject-error\">The subject must be one line", html, StringComparison.Ordinal);
        Assert.Contains("id=\"preheader-error\">The preheader must be one line", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withNul.StatusCode);
        Assert.Contains("The form could not be read", await withNul.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("None yet.", await _browser.Client.GetStringAsync("/editor"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduling_reads_the_time_in_the_editors_zone_and_refuses_a_bad_date_or_a_time_in_the_past()
    {
        var location = await CreateAsync(Edition("Scheduled in Berlin"));
        var page = location.Split('?')[0];
        var id = page.Split('/')[3];
        var version = Field(await _browser.Client.GetStringAsync(page), "version");

        var invalid = await _browser.PostFormAsync(page, $"{page}/schedule", ("version", version), ("sendAt", "2121-13-40T09:00"), ("timeZone", "Europe/Berlin"), ("do", "schedule"));
        var past = await _browser.PostFormAsync(page, $"{page}/schedule", ("version", version), ("sendAt", "2121-06-01T09:00"), ("timeZone", "Europe/Berlin"), ("do", "schedule"));
        var scheduled = await _browser.PostFormAsync(page, $"{page}/schedule", ("version", version), ("sendAt", "2121-06-08T10:30"), ("timeZone", "Europe/Berlin"), ("do", "schedule"));
        var after = await _browser.Client.GetStringAsync(page);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("id=\"sendAt-error\">Enter a date and time, like 2026-12-01T09:00.", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("id=\"sendAt-error\">Pick a time in the future.", await past.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, scheduled.StatusCode);
        Assert.Contains("2121-06-08 10:30 Europe/Berlin (2121-06-08 08:30 UTC)", after, StringComparison.Ordinal); // Summer time: UTC+2.
        Assert.Contains("<option selected>Europe/Berlin</option>", after, StringComparison.Ordinal); // Remembered.
        Assert.Equal(new DateTimeOffset(2121, 6, 8, 8, 30, 0, TimeSpan.Zero), (await _app.Services.GetRequiredService<CareerKit.Editor.EditionDrafts>().FindAsync(id, CancellationToken.None))!.SendAt);
    }

    [Fact]
    public async Task A_second_editor_with_an_old_copy_is_told_someone_else_changed_it_and_loses_nothing_typed()
    {
        var page = (await CreateAsync(Edition("First version"))).Split('?')[0];
        var version = Field(await _browser.Client.GetStringAsync(page), "version");
        var tips = _aiTips.Take(2).Select(tip => ("tipIds", tip.Id)).ToArray();

        var first = await _browser.PostFormAsync(page, page, [("version", version), ("track", "ai"), ("subject", "Mine"), .. tips, ("do", "save")]);
        var second = await _browser.PostFormAsync(page, page, [("version", version), ("track", "ai"), ("subject", "Theirs"), .. tips, ("do", "save")]);
        var html = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Contains("Someone else changed this edition.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Theirs\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Mine</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_test_goes_to_the_typed_address_marked_test_and_a_bad_address_is_shown_next_to_the_field()
    {
        var page = (await CreateAsync(Edition("Test me first"))).Split('?')[0];
        var to = CareerKitApp.NewAddress("editor-test");

        var bad = await _browser.PostFormAsync(page, $"{page}/test", ("to", "not an address"));
        var sent = await _browser.PostFormAsync(page, $"{page}/test", ("to", to));
        var after = await _browser.Client.GetStringAsync(sent.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("id=\"to-error\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Contains("The test is on its way", after, StringComparison.Ordinal);
        Assert.Equal("[TEST] Test me first", Assert.Single(_app.SendGrid.EmailsTo(to)).Subject);
    }

    [Fact]
    public async Task A_scheduled_edition_can_go_back_to_drafts_or_be_cancelled_and_a_form_without_its_token_changes_nothing()
    {
        var page = (await CreateAsync(Edition("Plans change"))).Split('?')[0];
        var version = Field(await _browser.Client.GetStringAsync(page), "version");
        await _browser.PostFormAsync(page, $"{page}/schedule", ("version", version), ("sendAt", "2121-06-09T09:00"), ("timeZone", "UTC"), ("do", "schedule"));

        var forged = await _browser.Client.PostAsync($"{page}/cancel", new FormUrlEncodedContent([new("version", Field(await _browser.Client.GetStringAsync(page), "version"))]));
        var back = await _browser.PostFormAsync(page, $"{page}/unschedule", ("version", Field(await _browser.Client.GetStringAsync(page), "version")));
        var draftPage = await _browser.Client.GetStringAsync(page);
        var cancelled = await _browser.PostFormAsync(page, $"{page}/cancel", ("version", Field(draftPage, "version")));
        var final = await _browser.Client.GetStringAsync(page);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        Assert.Contains("status-draft", draftPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, cancelled.StatusCode);
        Assert.Contains("status-cancelled", final, StringComparison.Ordinal);
        Assert.DoesNotContain("action=\"/editor/editions/", final.Replace($"action=\"{page}/test\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_shows_editors_editions_25_to_a_page_newest_first_and_a_new_one_at_once()
    {
        await _browser.Client.GetStringAsync("/editor"); // Read once, so the list below must not be an old copy.
        for (var n = 1; n <= 27; n++)
        {
            await CreateAsync(Edition($"Numbered {n:D2}"));
            _app.Time.Advance(TimeSpan.FromSeconds(1)); // "Newest first" needs each one a moment apart.
        }

        var first = await _browser.Client.GetStringAsync("/editor");
        var second = await _browser.Client.GetStringAsync("/editor?page=2");
        var beyond = await _browser.Client.GetStringAsync("/editor?page=99");

        Assert.Contains("Numbered 27", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Numbered 02", first, StringComparison.Ordinal);
        Assert.Contains("Page 1 of 2 (27 editions)", first, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/editor?page=2\">Older →</a>", first, StringComparison.Ordinal);
        Assert.Contains("Numbered 01", second, StringComparison.Ordinal);
        Assert.Contains("Numbered 02", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Numbered 03", second, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", beyond, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_need_a_session_and_an_unknown_edition_is_a_plain_404()
    {
        using var anonymous = _app.NewClient();

        var redirected = await anonymous.GetAsync("/editor/editions/new");
        var missing = await _browser.Client.GetAsync("/editor/editions/000000000000");

        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Contains("/editor/signin", redirected.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("No such edition.", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
