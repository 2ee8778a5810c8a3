using System.Net;
using System.Text.RegularExpressions;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Subscriptions;

/// <summary>
/// Mail scanners (Safe Links, Mimecast, Proofpoint) open every link of every email: a GET must never change a
/// subscriber, so consent and every other change comes from a person pressing a button (a POST).
/// </summary>
public sealed partial class ConsentTests
{
    [Fact]
    public async Task Opening_the_confirmation_link_shows_a_button_and_confirms_nothing()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress("scanned");
        await app.SignUpAsync(email, "ai", "Ada");
        var link = Assert.Single(app.SendGrid.EmailsTo(email)).Link("/api/subscriptions/confirm");

        var page = await app.Client.GetAsync(link);
        var head = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, link));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\"", html);
        Assert.Contains("Confirm my subscription", html);
        Assert.Equal(SubscriberStatus.Pending, (await app.FindSubscriberAsync(email))!.Status);
        Assert.Single(app.SendGrid.EmailsTo(email));
    }

    [Fact]
    public async Task Pressing_the_button_confirms_with_the_same_link_and_pressing_it_again_changes_nothing()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress("person");
        await app.SignUpAsync(email, "ai", "Ada");
        var link = Assert.Single(app.SendGrid.EmailsTo(email)).Link("/api/subscriptions/confirm");

        var confirmed = await app.Client.PostAsync(link, new FormUrlEncodedContent([]));
        var stored = await app.FindSubscriberAsync(email);
        var again = await app.Client.PostAsync(link, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("You're subscribed, Ada!", await confirmed.Content.ReadAsStringAsync());
        Assert.Equal(SubscriberStatus.Confirmed, stored!.Status);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(stored, await app.FindSubscriberAsync(email));
    }

    [Fact]
    public async Task A_tampered_confirmation_link_shows_a_problem_page_on_GET_and_on_POST()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress("tampered");
        await app.SignUpAsync(email);
        var link = Assert.Single(app.SendGrid.EmailsTo(email)).Link("/api/subscriptions/confirm").AbsoluteUri + "x";

        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client.PostAsync(link, new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(SubscriberStatus.Pending, (await app.FindSubscriberAsync(email))!.Status);
    }

    /// <summary>What a scanner does: GET (and HEAD) every link of every email the subscriber gets, at each step of their life.</summary>
    [Fact]
    public async Task Opening_every_link_of_every_email_a_subscriber_receives_never_changes_the_subscriber()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress("every-link");
        await app.SignUpAsync(email, "ml", "Sam");
        await ScanAsync(app, email, "Confirm your CareerKit subscription");

        await app.Client.PostAsync(app.SendGrid.EmailsTo(email)[0].Link("/api/subscriptions/confirm"), new FormUrlEncodedContent([]));
        await ScanAsync(app, email, WelcomeSubject);

        await app.SignUpAsync(email, "ml", "Sam"); // Already subscribed: a note with links to change or leave.
        app.Time.Advance(SignupHandler.EmailThrottle + TimeSpan.FromMinutes(1));
        await app.SignUpAsync(email, "ml", "Sam");
        await ScanAsync(app, email, "You are already subscribed to CareerKit");

        await app.Client.PostAsync(app.LinkFor(email, "api/subscriptions/data-links", TokenPurpose.Preferences), new FormUrlEncodedContent([]));
        await ScanAsync(app, email, "Your CareerKit data: download or erase it");

        Assert.Equal(SubscriberStatus.Confirmed, (await app.FindSubscriberAsync(email))!.Status);
    }

    private const string WelcomeSubject = "Welcome to CareerKit";

    private static async Task ScanAsync(CareerKitApp app, string email, string subject)
    {
        var received = app.SendGrid.EmailsTo(email).Last(sent => sent.Subject.StartsWith(subject, StringComparison.Ordinal));
        var links = Href().Matches(received.Html).Select(match => WebUtility.HtmlDecode(match.Groups["url"].Value))
            .Concat(Url().Matches(received.Text).Select(match => match.Value))
            .Concat(received.Headers.TryGetValue("List-Unsubscribe", out var header) ? [header.Trim('<', '>')] : [])
            .Where(url => url.StartsWith(app.BaseAddress.AbsoluteUri, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(links);

        var before = await app.FindSubscriberAsync(email);
        var sentBefore = app.SendGrid.Sent.Count;
        foreach (var url in links)
        {
            var get = await app.Client.GetAsync(url);
            Assert.True((int)get.StatusCode < 500, $"GET {url} answered {get.StatusCode}");
            await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        }

        // The whole row, its version (ETag) included: not one write happened.
        Assert.Equal(before, await app.FindSubscriberAsync(email));
        Assert.Equal(sentBefore, app.SendGrid.Sent.Count);
    }

    [GeneratedRegex("href=\"(?<url>[^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex(@"https?://[^\s<>)]+")]
    private static partial Regex Url();
}
