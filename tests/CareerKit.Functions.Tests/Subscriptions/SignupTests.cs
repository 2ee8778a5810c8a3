using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Subscriptions;

public sealed class SignupTests
{
    [Fact]
    public async Task The_form_sign_up_shows_the_check_your_inbox_page_and_sends_a_confirmation()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();

        var response = await app.SignUpWithFormAsync(new Dictionary<string, string>
        {
            ["email"] = email, ["firstName"] = "Grace", ["track"] = "both", ["consent"] = "yes", ["website"] = "",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Check your inbox", await response.Content.ReadAsStringAsync());
        var stored = await app.FindSubscriberAsync(email);
        Assert.Equal((SubscriberStatus.Pending, Track.Both, "Grace"), (stored!.Status, stored.Track, stored.FirstName));
        Assert.Single(app.SendGrid.EmailsTo(email));
    }

    [Fact]
    public async Task The_answer_is_the_same_for_new_pending_and_confirmed_addresses()
    {
        await using var app = await CareerKitApp.StartAsync();
        var confirmed = CareerKitApp.NewAddress("confirmed");
        await app.SubscribeAndConfirmAsync(confirmed);
        var pending = CareerKitApp.NewAddress("pending");
        await app.SignUpAsync(pending);

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var email in new[] { CareerKitApp.NewAddress("new"), pending, confirmed })
        {
            var response = await app.SignUpAsync(email);
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.All(answers, answer => Assert.Equal(answers[0], answer));
        Assert.Equal(HttpStatusCode.Accepted, answers[0].Item1);
    }

    [Fact]
    public async Task A_confirmed_subscriber_who_signs_up_again_gets_a_note_with_one_click_unsubscribe()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email);
        app.Time.Advance(SignupHandler.EmailThrottle);

        await app.SignUpAsync(email);

        var note = app.SendGrid.EmailsTo(email)[^1];
        Assert.Equal("You are already subscribed to CareerKit", note.Subject);
        Assert.Matches(@"^<http://127\.0\.0\.1:\d+/api/subscriptions/unsubscribe\?token=[^>]+>$", note.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", note.Headers["List-Unsubscribe-Post"]);

        var unsubscribe = note.Headers["List-Unsubscribe"].Trim('<', '>');
        var oneClick = await app.Client.PostAsync(unsubscribe, new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await app.FindSubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task A_pending_address_gets_at_most_one_confirmation_per_15_minutes()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();

        await app.SignUpAsync(email);
        await app.SignUpAsync(email);
        app.Time.Advance(TimeSpan.FromMinutes(14));
        await app.SignUpAsync(email, "ai");
        Assert.Single(app.SendGrid.EmailsTo(email));
        Assert.Equal(Track.Ml, (await app.FindSubscriberAsync(email))!.Track); // No email, so nothing could confirm "ai": PendingSignupTests.

        app.Time.Advance(TimeSpan.FromMinutes(2));
        await app.SignUpAsync(email);
        Assert.Equal(2, app.SendGrid.EmailsTo(email).Count);
    }

    [Fact]
    public async Task Twenty_simultaneous_sign_ups_of_one_address_make_one_subscriber_and_one_email()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.SignUpAsync(email)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Accepted, response.StatusCode));
        Assert.Single(app.SendGrid.EmailsTo(email));
        Assert.Equal(SubscriberStatus.Pending, (await app.FindSubscriberAsync(email))!.Status);
        var rows = app.Services.GetRequiredService<CareerKit.Storage.TableStorage>();
        var table = await rows.GetTableAsync(SubscriberStore.TableName, CancellationToken.None);
        var id = (await app.FindSubscriberAsync(email))!.Id;
        Assert.Single(table.Query<Azure.Data.Tables.TableEntity>(entity => entity.PartitionKey == id).ToList());
    }

    [Fact]
    public async Task A_filled_honeypot_gets_the_same_answer_and_stores_nothing()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress("bot");

        var response = await app.SignUpWithFormAsync(new Dictionary<string, string>
        {
            ["email"] = email, ["track"] = "ml", ["consent"] = "yes", ["website"] = "http://spam.example",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Check your inbox", await response.Content.ReadAsStringAsync());
        Assert.Null(await app.FindSubscriberAsync(email));
        Assert.Empty(app.SendGrid.EmailsTo(email));
    }

    [Fact]
    public async Task Too_many_sign_ups_from_one_client_are_answered_429_with_retry_after()
    {
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:SignupsPerClientPerMinute"] = "3" });

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await app.SignUpAsync(CareerKitApp.NewAddress())).StatusCode);
        }

        var limited = await app.SignUpAsync(CareerKitApp.NewAddress());
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After must say how long to wait");
        var problem = await limited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Too many sign-up attempts.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_sign_up_after_unsubscribing_starts_a_new_confirmation()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SubscribeAndConfirmAsync(email);
        await app.Client.PostAsync(app.LinkFor(email, "api/subscriptions/unsubscribe", TokenPurpose.Unsubscribe),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        app.Time.Advance(TimeSpan.FromMinutes(20));

        await app.SignUpAsync(email, "both");

        Assert.Equal(SubscriberStatus.Pending, (await app.FindSubscriberAsync(email))!.Status);
        Assert.Equal("Confirm your CareerKit subscription", app.SendGrid.EmailsTo(email)[^1].Subject);
    }
}
