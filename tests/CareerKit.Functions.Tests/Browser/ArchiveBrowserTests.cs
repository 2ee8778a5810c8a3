using CareerKit.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CareerKit.Tests.Browser;

public sealed class ArchiveBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task From_the_sign_up_page_a_reader_on_a_phone_reaches_a_past_edition_with_the_keyboard()
    {
        await using var app = await CareerKitApp.StartAsync();
        var edition = await StoredEditions.StoreAsync(app, Track.Ml, 2206, queued: true);
        var page = await browser.NewPageAsync(width: 360, height: 740);

        await page.GotoAsync(app.BaseAddress.AbsoluteUri);
        await page.GetByRole(AriaRole.Link, new() { Name = "Read past editions" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Past editions" })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360);
        await page.AssertAccessibleAsync();

        var link = page.Locator($"a[href='/archive/{edition.Id}']"); // Other tests' editions may share its subject.
        await Assertions.Expect(link).ToHaveTextAsync(edition.Subject);
        await link.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hi, here are this week's tips" })).ToBeVisibleAsync();
        Assert.EndsWith($"/archive/{edition.Id}", page.Url);
    }
}
