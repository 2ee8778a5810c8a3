using System.Net;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Subscriptions;

/// <summary>The links in emails: what they do, and what a broken, old or misused link shows.</summary>
public sealed class LinkTests
{
    private static FormUrlEncodedContent OneClick => new(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" });

    [Fact]
    public async Task Confirming_twice_keeps_one_confirmed_subscriber()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        var confirmation = await app.SubscribeAndConfirmAsync(email);
        var firstConfirmedAt = (await app.FindSubscriberAsync(email))!.ConfirmedAt;

        app.Time.Advance(TimeSpan.FromHours(1));
        var again = await app.Client.GetAsync(confirmation.Link("/api/subscriptions/confirm"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var subscriber = await app.FindSubscriberAsync(email);
        Assert.Equal(SubscriberStatus.Confirmed, subscriber!.Status);
        Assert.Equal(firstConfirmedAt, subscriber.ConfirmedAt);
    }

    [Fact]
    public async Task A_tampered_confirmation_link_shows_a_page_with_a_way_to_sign_up_again()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SignUpAsync(email);
        var link = app.SendGrid.EmailsTo(email)[0].Link("/api/subscriptions/confirm").AbsoluteUri;

        var response = await app.Client.GetAsync(link[..^3] + (link[^3..] == "AAA" ? "BBB" : "AAA"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("This link doesn't work", page);
        Assert.Contains("href=\"/\"", page);
        Assert.Equal(SubscriberStatus.Pending, (await app.FindSubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task An_expired_confirmation_link_says_it_expired()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SignUpAsync(email);
        app.Time.Advance(TimeSpan.FromDays(4));

        var response = await app.Client.GetAsync(app.SendGrid.EmailsTo(email)[0].Link("/api/subscriptions/confirm"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This link has expired", await response.Content.ReadAsStringAsync());
        Assert.Equal(SubscriberStatus.Pending, (await app.FindSubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task A_confirmation_token_does_not_unsubscribe()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        var confirmation = await app.SubscribeAndConfirmAsync(email);
        var token = confirmation.Link("/api/subscriptions/confirm").Query;

        var response = await app.Client.PostAsync($"/api/subscriptions/unsubscribe{token}", OneClick);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(SubscriberStatus.Confirmed, (await app.FindSubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task Opening_the_unsubscribe_link_only_shows_a_button()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email);

        var response = await app.Client.GetAsync(app.LinkFor(email, "api/subscriptions/unsubscribe", TokenPurpose.Unsubscribe));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\">", page);
        Assert.Contains("name=\"List-Unsubscribe\" value=\"One-Click\"", page);
        Assert.Equal(SubscriberStatus.Confirmed, (await app.FindSubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task One_click_unsubscribe_is_idempotent()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email);
        var link = app.LinkFor(email, "api/subscriptions/unsubscribe", TokenPurpose.Unsubscribe);

        var first = await app.Client.PostAsync(link, OneClick);
        var second = await app.Client.PostAsync(link, OneClick);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(SubscriberStatus.Unsubscribed, (await app.FindSubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task An_unsubscribe_post_without_the_one_click_body_is_refused()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email);
        var link = app.LinkFor(email, "api/subscriptions/unsubscribe", TokenPurpose.Unsubscribe);

        var empty = await app.Client.PostAsync(link, null);
        var wrong = await app.Client.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "yes" }));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (empty.StatusCode, wrong.StatusCode));
        Assert.Equal(SubscriberStatus.Confirmed, (await app.FindSubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task An_old_confirmation_link_does_not_undo_an_unsubscribe()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        var confirmation = await app.SubscribeAndConfirmAsync(email);
        await app.Client.PostAsync(app.LinkFor(email, "api/subscriptions/unsubscribe", TokenPurpose.Unsubscribe), OneClick);

        var response = await app.Client.GetAsync(confirmation.Link("/api/subscriptions/confirm"));

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await app.FindSubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task Preferences_change_the_track_and_name()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email, "ml", "Ada");
        var link = app.LinkFor(email, "api/subscriptions/preferences", TokenPurpose.Preferences);

        var page = await app.Client.GetAsync(link);
        Assert.Contains("value=\"Ada\"", await page.Content.ReadAsStringAsync());

        var saved = await app.Client.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["track"] = "both", ["firstName"] = "Grace" }));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Your preferences are saved", await saved.Content.ReadAsStringAsync());
        var subscriber = await app.FindSubscriberAsync(email);
        Assert.Equal((Track.Both, "Grace", SubscriberStatus.Confirmed), (subscriber!.Track, subscriber.FirstName, subscriber.Status));
    }

    [Fact]
    public async Task Preferences_accept_json_and_report_field_errors_as_problem_details()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email);
        var link = app.LinkFor(email, "api/subscriptions/preferences", TokenPurpose.Preferences);

        var bad = await app.Client.PostAsync(link, Json("""{ "track": "quantum" }"""));
        var good = await app.Client.PostAsync(link, Json("""{ "track": "ai", "firstName": "Lin" }"""));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'quantum' is not a track", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(Track.Ai, (await app.FindSubscriberAsync(email))!.Track);
    }

    [Fact]
    public async Task The_preferences_page_links_to_unsubscribe()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email);

        var page = await (await app.Client.GetAsync(app.LinkFor(email, "api/subscriptions/preferences", TokenPurpose.Preferences))).Content.ReadAsStringAsync();

        foreach (var path in new[] { "unsubscribe" }) // Export and erase links come by email: DataLinkTests.
        {
            var href = System.Text.RegularExpressions.Regex.Match(page, $"href=\"([^\"]+/api/subscriptions/{path}\\?token=[^\"]+)\"").Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(href), $"no {path} link on the preferences page");
            var followed = await app.Client.GetAsync(System.Net.WebUtility.HtmlDecode(href));
            Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        }
    }

    [Fact]
    public async Task Opening_the_erase_link_asks_first_and_erasing_twice_is_harmless()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email);
        var link = app.LinkFor(email, "api/subscriptions/erase", TokenPurpose.Erase);

        var ask = await app.Client.GetAsync(link);
        Assert.Contains("Erase my data", await ask.Content.ReadAsStringAsync());
        Assert.Equal(SubscriberStatus.Confirmed, (await app.FindSubscriberAsync(email))!.Status);

        Assert.Equal(HttpStatusCode.OK, (await app.Client.PostAsync(link, null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.PostAsync(link, null)).StatusCode);
        Assert.Equal(SubscriberStatus.Erased, (await app.FindSubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task An_erased_address_is_never_mailed_again_without_a_new_sign_up()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email);
        await app.Client.PostAsync(app.LinkFor(email, "api/subscriptions/erase", TokenPurpose.Erase), null);

        var erased = await app.FindSubscriberAsync(email);
        Assert.False(erased!.IsReceivingEmail);
        Assert.Null(erased.Email);

        await app.SignUpAsync(email);
        var again = await app.FindSubscriberAsync(email);
        Assert.Equal((SubscriberStatus.Pending, email), (again!.Status, again.Email));
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
