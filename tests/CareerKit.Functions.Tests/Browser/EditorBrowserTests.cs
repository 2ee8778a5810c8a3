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
}
