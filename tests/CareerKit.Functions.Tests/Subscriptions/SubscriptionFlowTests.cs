using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Subscriptions;

public sealed class SubscriptionFlowTests
{
    [Fact]
    public async Task A_subscriber_signs_up_confirms_unsubscribes_exports_and_erases()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();

        var signup = await app.SignUpAsync(email, "ai", "Ada");
        Assert.Equal(HttpStatusCode.Accepted, signup.StatusCode);
        Assert.Equal(SubscriberStatus.Pending, (await app.FindSubscriberAsync(email))!.Status);

        var confirmation = Assert.Single(app.SendGrid.EmailsTo(email));
        Assert.Equal("Confirm your CareerKit subscription", confirmation.Subject);
        Assert.Contains("Hi Ada", confirmation.Text);
        Assert.Contains("AI engineer", confirmation.Html);

        var confirmed = await app.PressConfirmAsync(confirmation.Link("/api/subscriptions/confirm"));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("You're subscribed, Ada!", await confirmed.Content.ReadAsStringAsync());
        Assert.Equal(SubscriberStatus.Confirmed, (await app.FindSubscriberAsync(email))!.Status);

        var unsubscribeLink = app.LinkFor(email, "api/subscriptions/unsubscribe", TokenPurpose.Unsubscribe);
        var page = await app.Client.GetAsync(unsubscribeLink);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(SubscriberStatus.Confirmed, (await app.FindSubscriberAsync(email))!.Status);

        var oneClick = await app.Client.PostAsync(unsubscribeLink, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await app.FindSubscriberAsync(email))!.Status);

        var export = await app.Client.GetAsync(app.LinkFor(email, "api/subscriptions/export", TokenPurpose.Export));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var data = await export.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, data.GetProperty("email").GetString());
        Assert.Equal("Ada", data.GetProperty("firstName").GetString());
        Assert.Equal("ai", data.GetProperty("track").GetString());
        Assert.Equal("unsubscribed", data.GetProperty("status").GetString());

        var erase = await app.Client.PostAsync(app.LinkFor(email, "api/subscriptions/erase", TokenPurpose.Erase), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        var erased = await app.FindSubscriberAsync(email);
        Assert.Equal(SubscriberStatus.Erased, erased!.Status);
        Assert.Null(erased.Email);
        Assert.Null(erased.FirstName);

        var exportAfter = await app.Client.GetAsync(app.LinkFor(email, "api/subscriptions/export", TokenPurpose.Export));
        Assert.Equal(HttpStatusCode.Gone, exportAfter.StatusCode);
    }
}
