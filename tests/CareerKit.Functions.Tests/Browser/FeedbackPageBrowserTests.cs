using CareerKit.Tests.Newsletter;
using Microsoft.Playwright;

namespace CareerKit.Tests.Browser;

/// <summary>The page a tip's feedback link opens, in Chromium on a phone: axe-clean before and after the answer, and the answer changeable.</summary>
public sealed class FeedbackPageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_reader_on_a_phone_answers_useful_then_changes_to_not_for_me_on_an_accessible_page()
    {
        await using var week = await TipFeedbackTests.SentEditionAsync(2172);
        var page = await browser.NewPageAsync(width: 360, height: 740);

        await page.GotoAsync(week.Link(0, "useful"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Was this tip useful?" })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360);
        await page.AssertAccessibleAsync();
        Assert.Empty((await TipFeedbackTests.RowsAsync(week.App)).Answers); // Opening it recorded nothing.

        await page.GetByRole(AriaRole.Button, new() { Name = "Useful" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is recorded");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Not for me" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("your answer is now");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Not for me", Pressed = true })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        var (answers, _, counts) = await TipFeedbackTests.RowsAsync(week.App);
        Assert.Equal("not-for-me", Assert.Single(answers).GetString("Answer"));
        Assert.Equal((0, 1), counts[week.Edition.TipIds[0]]);
    }
}
