using CareerKit.Newsletter;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CareerKit.Tests.Browser;

/// <summary>An editor runs an edition from the browser: sign in, compose with two tips, preview, schedule.</summary>
public sealed class EditorBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_editor_signs_in_composes_an_edition_with_two_tips_previews_it_and_schedules_it()
    {
        await using var app = await CareerKitApp.StartAsync(
            new Dictionary<string, string?> { ["CareerKit:TablePrefix"] = $"br{Guid.NewGuid():N}"[..14] },
            clockStart: new DateTimeOffset(2122, 9, 1, 10, 0, 0, TimeSpan.Zero));
        var key = await EditorBrowser.AddEditorAsync(app, "browser-editor");
        var tips = app.Services.GetRequiredService<CuratedTips>().Seeds.Where(tip => tip.Tracks.SequenceEqual(["ml"])).Take(2).ToList();
        var page = await browser.NewPageAsync(width: 360, height: 800);

        await page.GotoAsync(new Uri(app.BaseAddress, "/editor").AbsoluteUri);
        await page.GetByLabel("Editor key").FillAsync(key);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Editions", Exact = true })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "New edition" }).ClickAsync();
        await page.GetByLabel("ML engineer", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Subject").FillAsync("Two habits worth building");
        await page.GetByLabel("Intro").FillAsync("This week: **two** habits.");
        foreach (var tip in tips)
        {
            await page.GetByLabel(tip.Title).CheckAsync();
        }

        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360, "The compose page fits a 360 px phone.");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Draft saved. Preview it, send yourself a test, then schedule it.");
        await page.AssertAccessibleAsync();
        var editionUrl = page.Url;
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the HTML version" }).ClickAsync();
        await Assertions.Expect(page.GetByText("two", new() { Exact = true })).ToBeVisibleAsync(); // The intro's bold word.
        foreach (var tip in tips)
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = tip.Title })).ToBeVisibleAsync();
        }

        await page.GotoAsync(editionUrl);
        await page.GetByLabel("Date and time").FillAsync("2122-09-02T09:15");
        await page.GetByLabel("Time zone").SelectOptionAsync("America/New_York");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Scheduled.");
        await Assertions.Expect(page.GetByText("2122-09-02 09:15 America/New_York (2122-09-02 13:15 UTC)")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Editions", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Editors' editions" }).GetByRole(AriaRole.Row, new() { Name = "Two habits worth building" })).ToContainTextAsync("scheduled");
    }

    [Fact]
    public async Task The_edition_page_shows_the_send_check_and_Send_now_of_a_failing_edition_is_refused_with_the_reasons()
    {
        await using var app = await CareerKitApp.StartAsync(
            new Dictionary<string, string?> { ["CareerKit:TablePrefix"] = $"br{Guid.NewGuid():N}"[..14] },
            clockStart: new DateTimeOffset(2134, 9, 1, 10, 0, 0, TimeSpan.Zero));
        var key = await EditorBrowser.AddEditorAsync(app, "gate-editor");
        var tip = app.Services.GetRequiredService<CuratedTips>().Seeds.First(tip => tip.Tracks.SequenceEqual(["ml"]));
        var page = await browser.NewPageAsync(width: 1280, height: 900);
        await page.GotoAsync(new Uri(app.BaseAddress, "/editor").AbsoluteUri);
        await page.GetByLabel("Editor key").FillAsync(key);
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Link, new() { Name = "New edition" }).ClickAsync();
        await page.GetByLabel("ML engineer", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Subject").FillAsync("Tips");
        await page.GetByLabel("Intro").FillAsync("Hello {{ first_name }}, read [this](http://example.org/old).");
        await page.GetByLabel(tip.Title).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        var check = page.Locator("#send-check");
        await Assertions.Expect(check).ToContainTextAsync("Not ready to send");
        await Assertions.Expect(check.Locator(".gate-errors li")).ToHaveCountAsync(3);
        await Assertions.Expect(check).ToContainTextAsync("The subject has 4 characters");
        await Assertions.Expect(check).ToContainTextAsync("\"http://example.org/old\" is not an absolute https:// address");
        await Assertions.Expect(check).ToContainTextAsync("\"{{ first_name }}\" would reach readers as typed");
        await Assertions.Expect(check.Locator(".gate-warnings li")).ToContainTextAsync("There is no preheader");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Send now" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("The edition cannot be sent yet.");
        await Assertions.Expect(alert.Locator("li")).ToHaveCountAsync(3);
        await page.AssertAccessibleAsync();
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("draft");
        Assert.Null(await app.Services.GetRequiredService<EditionStore>().FindAsync(Track.Ml, Edition.IsoWeekOf(app.Time.GetUtcNow()), CancellationToken.None));
    }
}
