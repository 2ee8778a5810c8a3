using System.Net;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Subscriptions;

/// <summary>
/// A confirmation link confirms what the sign-up that sent it asked for. A later sign-up of the same pending address
/// with other choices either changes nothing (no email goes out within the throttle window, so no link could confirm
/// it) or sends its own link, and then the earlier link is refused: it never confirms choices its email did not show.
/// </summary>
public sealed class PendingSignupTests
{
    [Fact]
    public async Task A_sign_up_within_the_throttle_window_does_not_change_what_the_first_link_confirms()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SignUpAsync(email, "ml", "Ada");
        var first = Assert.Single(app.SendGrid.EmailsTo(email));

        await app.SignUpAsync(email, "ai", "Mallory");
        var confirmed = await app.PressConfirmAsync(first.Link("/api/subscriptions/confirm"));

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        // The second sign-up sent no confirmation of its own; the confirmation then sent the welcome email.
        Assert.Single(app.SendGrid.EmailsTo(email), sent => sent.Categories.Contains(SubscriptionEmails.ConfirmationCategory));
        var subscriber = await app.FindSubscriberAsync(email);
        Assert.Equal((SubscriberStatus.Confirmed, Track.Ml, "Ada"), (subscriber!.Status, subscriber.Track, subscriber.FirstName));
    }

    [Fact]
    public async Task After_a_later_sign_up_with_other_choices_the_first_link_is_refused_and_the_new_one_confirms_them()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SignUpAsync(email, "ml", "Ada");
        app.Time.Advance(SignupHandler.EmailThrottle);
        await app.SignUpAsync(email, "ai", "Bea");
        var (first, second) = (app.SendGrid.EmailsTo(email)[0], app.SendGrid.EmailsTo(email)[1]);

        var refused = await app.PressConfirmAsync(first.Link("/api/subscriptions/confirm"));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("newer confirmation email", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(SubscriberStatus.Pending, (await app.FindSubscriberAsync(email))!.Status);

        Assert.Equal(HttpStatusCode.OK, (await app.PressConfirmAsync(second.Link("/api/subscriptions/confirm"))).StatusCode);
        var subscriber = await app.FindSubscriberAsync(email);
        Assert.Equal((SubscriberStatus.Confirmed, Track.Ai, "Bea"), (subscriber!.Status, subscriber.Track, subscriber.FirstName));
    }

    [Fact]
    public async Task Signing_up_again_with_the_same_choices_keeps_the_first_link_working()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SignUpAsync(email, "both", "Ada");
        app.Time.Advance(SignupHandler.EmailThrottle);
        await app.SignUpAsync(email, "both", "Ada");

        var confirmed = await app.PressConfirmAsync(app.SendGrid.EmailsTo(email)[0].Link("/api/subscriptions/confirm"));

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(SubscriberStatus.Confirmed, (await app.FindSubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task A_link_sent_before_links_were_bound_confirms_until_a_later_sign_up_email_replaces_it()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SignUpAsync(email, "ml", "Ada");
        var unbound = app.LinkFor(email, "/api/subscriptions/confirm", TokenPurpose.Confirm); // As every link was made before.
        app.Time.Advance(TimeSpan.FromMinutes(5));

        var confirmed = await app.PressConfirmAsync(unbound);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(SubscriberStatus.Confirmed, (await app.FindSubscriberAsync(email))!.Status);

        var other = CareerKitApp.NewAddress();
        await app.SignUpAsync(other, "ml", "Ada");
        var oldLink = app.LinkFor(other, "/api/subscriptions/confirm", TokenPurpose.Confirm);
        app.Time.Advance(SignupHandler.EmailThrottle);
        await app.SignUpAsync(other, "ai", "Bea");

        var refused = await app.PressConfirmAsync(oldLink);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal((SubscriberStatus.Pending, Track.Ai), ((await app.FindSubscriberAsync(other))!.Status, (await app.FindSubscriberAsync(other))!.Track));
    }
}
