using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task After_unsubscribing_the_person_asks_from_that_page_and_gets_one_email_whose_links_export_and_erase()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email, "ai", "Ada");

        var unsubscribed = await app.Client.PostAsync(
            app.LinkFor(email, "api/subscriptions/unsubscribe", TokenPurpose.Unsubscribe),
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        var page = await unsubscribed.Content.ReadAsStringAsync();
        Assert.Contains("You're unsubscribed", page);
        Assert.DoesNotContain("/api/subscriptions/export", page);
        Assert.DoesNotContain("/api/subscriptions/erase", page);

        var asked = await PressDataLinksButtonAsync(app, page);
        var again = await PressDataLinksButtonAsync(app, page);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("on their way to the address you subscribed with", await asked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var sent = Assert.Single(app.SendGrid.EmailsTo(email), message => message.Categories.Contains(SubscriptionEmails.DataLinksCategory));
        var export = await app.Client.GetAsync(sent.Link("/api/subscriptions/export"));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var data = await export.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((email, "unsubscribed"), (data.GetProperty("email").GetString(), data.GetProperty("status").GetString()));

        var erased = await app.Client.PostAsync(sent.Link("/api/subscriptions/erase"), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var stored = (await app.FindSubscriberAsync(email))!;
        Assert.Equal((SubscriberStatus.Erased, null, null), (stored.Status, stored.Email, stored.FirstName));
    }

    [Fact]
    public async Task An_old_unsubscribe_link_opened_after_leaving_offers_the_data_links_and_emails_them_to_the_address()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email);
        var oldLink = app.LinkFor(email, "api/subscriptions/unsubscribe", TokenPurpose.Unsubscribe);
        await app.Client.PostAsync(oldLink, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        var emailsBefore = app.SendGrid.EmailsTo(email).Count;

        app.Time.Advance(TimeSpan.FromDays(200));
        var page = await (await app.Client.GetAsync(oldLink)).Content.ReadAsStringAsync();
        var asked = await PressDataLinksButtonAsync(app, page);

        Assert.Contains("You're unsubscribed", page);
        Assert.DoesNotContain("/api/subscriptions/export", page);
        Assert.DoesNotContain("/api/subscriptions/erase", page);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var sent = Assert.Single(app.SendGrid.EmailsTo(email).Skip(emailsBefore));
        Assert.Equal("Your CareerKit data: download or erase it", sent.Subject);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(sent.Link("/api/subscriptions/export"))).StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await app.FindSubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task An_address_that_bounced_is_not_emailed_data_links_and_the_person_is_told_why()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email);
        var unsubscribeLink = app.LinkFor(email, "api/subscriptions/unsubscribe", TokenPurpose.Unsubscribe);
        var id = (await app.FindSubscriberAsync(email))!.Id;
        await app.Services.GetRequiredService<SubscriberStore>().UpdateAsync(id, subscriber => subscriber.Suppress(app.Time.GetUtcNow()), CancellationToken.None);
        var emailsBefore = app.SendGrid.EmailsTo(email).Count;

        var page = await (await app.Client.GetAsync(unsubscribeLink)).Content.ReadAsStringAsync();
        var asked = await app.Client.PostAsync($"/api/subscriptions/data-links{unsubscribeLink.Query}", new FormUrlEncodedContent([]));
        var askedByApi = await app.Client.PostAsync($"/api/subscriptions/data-links{unsubscribeLink.Query}", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.DoesNotMatch(DataLinksForm(), page);
        Assert.Equal(HttpStatusCode.Conflict, asked.StatusCode);
        Assert.Contains("bounced or was reported as spam", await asked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, askedByApi.StatusCode);
        Assert.Equal("application/problem+json", askedByApi.Content.Headers.ContentType?.MediaType);
        Assert.Equal(emailsBefore, app.SendGrid.EmailsTo(email).Count);
    }

    [Fact]
    public async Task An_unsubscribe_link_neither_exports_nor_erases()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email);
        var token = app.LinkFor(email, "api/subscriptions/unsubscribe", TokenPurpose.Unsubscribe).Query;

        var export = await app.Client.GetAsync($"/api/subscriptions/export{token}");
        var erase = await app.Client.PostAsync($"/api/subscriptions/erase{token}", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, erase.StatusCode);
        Assert.Equal(SubscriberStatus.Confirmed, (await app.FindSubscriberAsync(email))!.Status);
    }

    /// <summary>What a person does: open the preferences page and press the button of its data form.</summary>
    private static async Task<HttpResponseMessage> AskFromThePreferencesPageAsync(CareerKitApp app, string email)
    {
        var page = await (await app.Client.GetAsync(app.LinkFor(email, "api/subscriptions/preferences", TokenPurpose.Preferences))).Content.ReadAsStringAsync();
        return await PressDataLinksButtonAsync(app, page);
    }

    private static async Task<HttpResponseMessage> PressDataLinksButtonAsync(CareerKitApp app, string page)
    {
        var action = WebUtility.HtmlDecode(DataLinksForm().Match(page).Groups["action"].Value);
        Assert.False(string.IsNullOrEmpty(action), "no data links form on the page");
        return await app.Client.PostAsync(action, new FormUrlEncodedContent([]));
    }

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*/api/subscriptions/data-links\\?token=[^\"]+)\"")]
    private static partial Regex DataLinksForm();
}
