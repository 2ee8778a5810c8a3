using System.Net;
using CareerKit.Newsletter;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Subscriptions;

public sealed class WelcomeEmailTests
{
    [Theory]
    [InlineData("ml", "ML engineer")]
    [InlineData("ai", "AI engineer")]
    public async Task Confirming_sends_one_welcome_email_with_the_schedule_the_start_here_tips_and_the_links(string track, string trackName)
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress("welcome-" + track);
        await app.SubscribeAndConfirmAsync(email, track, "Ada");

        var welcome = Assert.Single(app.SendGrid.EmailsTo(email), sent => sent.Subject.StartsWith("Welcome to CareerKit", StringComparison.Ordinal));
        Assert.Contains("Hi Ada", welcome.Text);
        Assert.Contains(trackName, welcome.Html);
        Assert.Contains("every Monday", welcome.Text);
        Assert.Contains("welcome", welcome.Categories);
        var startHere = TipLibrary.Load(TipLibrary.DefaultFolder).Tips
            .Where(tip => tip.Start is not null && tip.AppliesTo(Tracks.TryFromCode(track, out var parsed) ? parsed : Track.Both))
            .OrderBy(tip => tip.Start).ToList();
        Assert.True(startHere.Count >= 3);
        Assert.All(startHere, tip => Assert.Contains(tip.Title, welcome.Text));
        Assert.True(welcome.Text.IndexOf(startHere[0].Title, StringComparison.Ordinal) < welcome.Text.IndexOf(startHere[1].Title, StringComparison.Ordinal));
        Assert.Contains(app.BaseAddress.AbsoluteUri + "archive", welcome.Html);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(welcome.Link("/api/subscriptions/preferences"))).StatusCode);
        var unsubscribe = welcome.Link("/api/subscriptions/unsubscribe");
        Assert.Equal($"<{unsubscribe.AbsoluteUri}>", welcome.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", welcome.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("<html lang=\"en\"", welcome.Html);
        Assert.Contains("<title>", welcome.Html);
        Assert.Null((await app.FindSubscriberAsync(email))!.EmailOwed);
    }

    [Fact]
    public async Task A_second_press_of_the_confirm_button_sends_no_second_welcome()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress("twice");
        var confirmation = await app.SubscribeAndConfirmAsync(email);

        var again = await app.Client.PostAsync(confirmation.Link("/api/subscriptions/confirm"), new FormUrlEncodedContent([]));
        await app.RunTimerAsync(SignupEmailSweep.Name);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(app.SendGrid.EmailsTo(email), sent => sent.Subject.StartsWith("Welcome to CareerKit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_seed_tips_marked_start_are_start_here_tips_and_each_track_has_at_least_three()
    {
        var (tips, problems) = TipLibrary.Load(TipLibrary.DefaultFolder);

        Assert.Empty(problems);
        Assert.Equal(2, tips.Single(tip => tip.Id == "both-background").Start);
        Assert.Null(tips.Single(tip => tip.Id == "both-docker").Start);
        foreach (var track in new[] { Track.Ml, Track.Ai })
        {
            Assert.True(tips.Count(tip => tip.Start is not null && tip.AppliesTo(track)) >= 3, $"{track} has fewer than 3 start-here tips");
        }
    }
}
