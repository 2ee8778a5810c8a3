using System.Net;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Faults;

/// <summary>The welcome email while SendGrid is down: the confirmation stands, and the welcome goes out later, once.</summary>
public sealed class WelcomeFaultTests
{
    private static List<CapturedEmail> Welcomes(CareerKitApp app, string email) =>
        [.. app.SendGrid.EmailsTo(email).Where(sent => sent.Subject.StartsWith("Welcome to CareerKit", StringComparison.Ordinal))];

    [Fact]
    public async Task When_SendGrid_is_down_the_confirmation_still_succeeds_and_the_sweep_sends_the_welcome_once()
    {
        await using var app = await CareerKitApp.StartAsync(realClock: true); // SendGrid retries wait on the app's clock.
        var email = CareerKitApp.NewAddress("welcome-down");
        await app.SignUpAsync(email, "ai", "Ada");
        var link = Assert.Single(app.SendGrid.EmailsTo(email)).Link("/api/subscriptions/confirm");

        app.SendGrid.FailAlways(500);
        var confirmed = await app.Client.PostAsync(link, new FormUrlEncodedContent([]));
        var pressedAgain = await app.Client.PostAsync(link, new FormUrlEncodedContent([]));
        await app.RunTimerAsync(SignupEmailSweep.Name); // Still down: nothing goes, and the sweep does not fail.
        var owedWhileDown = (await app.FindSubscriberAsync(email))!;
        app.SendGrid.Recover();
        await app.RunTimerAsync(SignupEmailSweep.Name);
        await app.RunTimerAsync(SignupEmailSweep.Name);
        await app.Client.PostAsync(link, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("You're subscribed, Ada!", await confirmed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, pressedAgain.StatusCode);
        Assert.Equal(SubscriberStatus.Confirmed, owedWhileDown.Status);
        Assert.Equal(SignupEmail.Welcome, owedWhileDown.EmailOwed);
        Assert.Single(Welcomes(app, email));
        Assert.Null((await app.FindSubscriberAsync(email))!.EmailOwed);
    }

    [Fact]
    public async Task A_welcome_owed_to_someone_who_left_before_it_went_out_is_dropped()
    {
        await using var app = await CareerKitApp.StartAsync(realClock: true); // SendGrid retries wait on the app's clock.
        var email = CareerKitApp.NewAddress("welcome-left");
        await app.SignUpAsync(email);
        var link = Assert.Single(app.SendGrid.EmailsTo(email)).Link("/api/subscriptions/confirm");
        app.SendGrid.FailAlways(500);
        await app.Client.PostAsync(link, new FormUrlEncodedContent([]));
        await app.Client.PostAsync(app.LinkFor(email, "api/subscriptions/unsubscribe", TokenPurpose.Unsubscribe),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        app.SendGrid.Recover();

        await app.RunTimerAsync(SignupEmailSweep.Name);

        Assert.Empty(Welcomes(app, email));
        Assert.Null((await app.FindSubscriberAsync(email))!.EmailOwed);
    }
}
