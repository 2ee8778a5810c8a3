using System.Text.Json.Nodes;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CareerKit.Tests.Browser;

/// <summary>
/// Every email the app sends, as SendGrid received it, opened in Chromium in the light and the dark colour scheme:
/// axe finds no serious or critical problem, and each carries a language, a title and presentation-only layout tables.
/// </summary>
public sealed class EmailAccessibilityTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string> Schemes => new() { "light", "dark" };

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Every_email_passes_axe_and_carries_lang_title_and_presentation_tables(string scheme)
    {
        var emails = await SendEveryEmailAsync();
        var page = await browser.NewPageAsync(width: 600);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });

        var problems = new List<string>();
        foreach (var (name, html) in emails)
        {
            await page.SetContentAsync(html);
            // The emulation must reach the email's own style block, or the dark run would check the light colours twice.
            var card = await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.card')).backgroundColor");
            Assert.Equal(scheme == "dark" ? "rgb(22, 27, 34)" : "rgb(255, 255, 255)", card);
            Assert.Equal("en", await page.EvaluateAsync<string>("document.documentElement.lang"));
            Assert.NotEqual("", (await page.TitleAsync()).Trim());
            Assert.Equal(0, await page.EvaluateAsync<int>("[...document.querySelectorAll('table')].filter(t => t.getAttribute('role') !== 'presentation').length"));

            var results = await page.RunAxe();
            var byImpact = results.Violations.GroupBy(violation => violation.Impact ?? "none").ToDictionary(group => group.Key, group => group.Count());
            output.WriteLine($"{name} × {scheme}: " + string.Join(", ", new[] { "critical", "serious", "moderate", "minor" }.Select(impact => $"{impact} {byImpact.GetValueOrDefault(impact)}"))
                + $" ({string.Join(", ", results.Violations.Select(violation => violation.Id))}); contrast passed on {Nodes(results.Passes, "color-contrast")} elements, undecided on {Nodes(results.Incomplete, "color-contrast")}");
            problems.AddRange(results.Violations.Where(violation => violation.Impact is "serious" or "critical")
                .Select(violation => $"{name} ({scheme}): {violation.Id} {violation.Impact}: {violation.Help} at {string.Join(", ", violation.Nodes.Select(node => node.Target?.ToString()))}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static int Nodes(Deque.AxeCore.Commons.AxeResultItem[] items, string rule) => items.Where(item => item.Id == rule).Sum(item => item.Nodes.Length);

    /// <summary>
    /// Signs up (confirmation, then welcome), signs up again, asks for the data links and takes the weekly edition (its
    /// tips' feedback links filled in): each email as sent (a new email joins this list).
    /// </summary>
    private static async Task<List<(string Name, string Html)>> SendEveryEmailAsync()
    {
        await using var app = await CareerKitApp.StartAsync(
            new Dictionary<string, string?> { ["CareerKit:LocalScheduler"] = "true", ["CareerKit:TablePrefix"] = $"mail{Guid.NewGuid():N}"[..16] },
            clockStart: new DateTimeOffset(2131, 3, 2, 12, 0, 0, TimeSpan.Zero)); // A Sunday in a week no other test uses.
        var email = CareerKitApp.NewAddress("a11y");
        var confirmation = await app.SubscribeAndConfirmAsync(email, "both", "Zoë");
        app.Time.Advance(SignupHandler.EmailThrottle);
        await app.SignUpAsync(email, "both");
        var token = app.LinkFor(email, "api/subscriptions/preferences", TokenPurpose.Preferences).Query;
        await app.Client.PostAsync($"/api/subscriptions/data-links{token}", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        await app.RunTimerAsync(CareerKit.Newsletter.NewsletterTimers.WeeklyTipsFunction);

        CapturedEmail? edition = null;
        for (var attempt = 0; attempt < 200 && edition is null; attempt++)
        {
            await Task.Delay(50);
            edition = app.SendGrid.Sent.Select(CapturedEmail.From).FirstOrDefault(sent => sent.Categories.Contains("tips-both"));
        }

        var sent = app.SendGrid.EmailsTo(email);
        var editionHtml = Personalised(Assert.IsType<CapturedEmail>(edition), email);
        Assert.Contains("/api/feedback?edition=", editionHtml, StringComparison.Ordinal); // The tips' feedback links are checked too.
        return
        [
            ("confirmation", confirmation.Html),
            ("welcome", sent.Single(mail => mail.Categories.Contains(SubscriptionEmails.WelcomeCategory)).Html),
            ("already-subscribed", sent.Single(mail => mail.Categories.Contains(SubscriptionEmails.AlreadySubscribedCategory)).Html),
            ("data-links", sent.Single(mail => mail.Categories.Contains(SubscriptionEmails.DataLinksCategory)).Html),
            ("edition", editionHtml),
        ];
    }

    /// <summary>The edition's HTML as SendGrid fills it for one recipient from their substitutions.</summary>
    private static string Personalised(CapturedEmail edition, string email)
    {
        var mine = edition.Body["personalizations"]!.AsArray().Single(item => item!["to"]![0]!["email"]!.GetValue<string>() == email)!;
        return ((JsonObject)mine["substitutions"]!).Aggregate(edition.Html, (html, pair) => html.Replace(pair.Key, pair.Value!.GetValue<string>(), StringComparison.Ordinal));
    }
}
