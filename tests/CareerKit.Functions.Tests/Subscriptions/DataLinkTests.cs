using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Subscriptions;

/// <summary>
/// Export and erase go to the address itself: the 90-day preferences link in every weekly email may be forwarded,
/// so it only asks for the links, which arrive by email and work for 24 hours.
/// </summary>
public sealed partial class DataLinkTests
{
    [Fact]
    public async Task The_preferences_page_has_no_export_or_erase_link_only_a_way_to_have_them_emailed()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email);

        var page = await (await app.Client.GetAsync(app.LinkFor(email, "api/subscriptions/preferences", TokenPurpose.Preferences))).Content.ReadAsStringAsync();

        Assert.DoesNotContain("/api/subscriptions/export", page);
        Assert.DoesNotContain("/api/subscriptions/erase", page);
        Assert.Matches(DataLinksForm(), page);
        Assert.Contains("/api/subscriptions/unsubscribe?token=", page);
    }

    [Fact]
    public async Task Asking_from_the_preferences_page_emails_the_address_fresh_export_and_erase_links_for_24_hours()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email, "ai", "Ada");

        var asked = await AskFromThePreferencesPageAsync(app, email);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("on their way to the address you subscribed with", await asked.Content.ReadAsStringAsync());
        var sent = app.SendGrid.EmailsTo(email)[^1];
        Assert.Equal(email, Assert.Single(sent.To));
        Assert.Equal("Your CareerKit data: download or erase it", sent.Subject);
        Assert.Contains(SubscriptionEmails.DataLinksCategory, sent.Categories);

        var export = await app.Client.GetAsync(sent.Link("/api/subscriptions/export"));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var data = await export.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((email, "Ada", "ai"), (data.GetProperty("email").GetString(), data.GetProperty("firstName").GetString(), data.GetProperty("track").GetString()));
        Assert.Contains("Erase my data", await (await app.Client.GetAsync(sent.Link("/api/subscriptions/erase"))).Content.ReadAsStringAsync());

        app.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var lateExport = await app.Client.GetAsync(sent.Link("/api/subscriptions/export"));
        var lateErase = await app.Client.PostAsync(sent.Link("/api/subscriptions/erase"), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, lateExport.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, lateErase.StatusCode);
        Assert.Equal(SubscriberStatus.Confirmed, (await app.FindSubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task A_preferences_link_neither_exports_nor_erases()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email);
        var token = app.LinkFor(email, "api/subscriptions/preferences", TokenPurpose.Preferences).Query;

        var export = await app.Client.GetAsync($"/api/subscriptions/export{token}");
        var erase = await app.Client.PostAsync($"/api/subscriptions/erase{token}", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.DoesNotContain(email, await export.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, erase.StatusCode);
        Assert.Equal(SubscriberStatus.Confirmed, (await app.FindSubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task Data_links_are_emailed_at_most_once_per_15_minutes()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email);
        var emailsBefore = app.SendGrid.EmailsTo(email).Count;

        await AskFromThePreferencesPageAsync(app, email);
        var again = await AskFromThePreferencesPageAsync(app, email);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("We sent them a few minutes ago", await again.Content.ReadAsStringAsync());
        Assert.Equal(emailsBefore + 1, app.SendGrid.EmailsTo(email).Count);

        app.Time.Advance(DataLinks.EmailThrottle);
        await AskFromThePreferencesPageAsync(app, email);
        Assert.Equal(emailsBefore + 2, app.SendGrid.EmailsTo(email).Count);
    }

    [Fact]
    public async Task Api_clients_ask_with_json_and_get_202_or_a_problem()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email);
        var token = app.LinkFor(email, "api/subscriptions/preferences", TokenPurpose.Preferences).Query;

        var asked = await app.Client.PostAsync($"/api/subscriptions/data-links{token}", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        var garbled = await app.Client.PostAsync("/api/subscriptions/data-links?token=nope", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal("sent", (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
        Assert.Equal("application/problem+json", garbled.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task If_email_is_down_the_person_is_told_to_try_again_and_the_retry_sends()
    {
        await using var app = await CareerKitApp.StartAsync(realClock: true); // SendGrid retries wait on the app's clock.
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email);
        var emailsBefore = app.SendGrid.EmailsTo(email).Count;

        app.SendGrid.FailAlways(500);
        var down = await AskFromThePreferencesPageAsync(app, email);
        app.SendGrid.Recover();
        var retry = await AskFromThePreferencesPageAsync(app, email);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.NotNull(down.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(emailsBefore + 1, app.SendGrid.EmailsTo(email).Count);
    }

    /// <summary>What a person does: open the preferences page and press the button of its data form.</summary>
    private static async Task<HttpResponseMessage> AskFromThePreferencesPageAsync(CareerKitApp app, string email)
    {
        var page = await (await app.Client.GetAsync(app.LinkFor(email, "api/subscriptions/preferences", TokenPurpose.Preferences))).Content.ReadAsStringAsync();
        var action = WebUtility.HtmlDecode(DataLinksForm().Match(page).Groups["action"].Value);
        Assert.False(string.IsNullOrEmpty(action), "no data links form on the preferences page");
        return await app.Client.PostAsync(action, new FormUrlEncodedContent([]));
    }

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*/api/subscriptions/data-links\\?token=[^\"]+)\"")]
    private static partial Regex DataLinksForm();
}
