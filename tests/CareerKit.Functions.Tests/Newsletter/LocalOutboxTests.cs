using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Newsletter;

/// <summary>The README's local run: no SendGrid key, the edition sent on demand lands in ./outbox through the queue poller.</summary>
public sealed class LocalOutboxTests
{
    [Fact]
    public async Task Without_SendGrid_this_weeks_edition_sent_on_demand_lands_in_the_outbox_personalised()
    {
        await using var app = await CareerKitApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["SendGrid:ApiKey"] = null,
                ["CareerKit:LocalScheduler"] = "true",
                ["CareerKit:TablePrefix"] = $"local{Guid.NewGuid():N}"[..16],
            },
            clockStart: new DateTimeOffset(2121, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var email = CareerKitApp.NewAddress("outbox");
        var now = app.Time.GetUtcNow();
        await app.Services.GetRequiredService<SubscriberStore>().TryAddAsync(new Subscriber
        {
            Id = app.Services.GetRequiredService<AddressHasher>().IdFor(email),
            Email = email,
            FirstName = "Robin",
            Track = Track.Ai,
            Status = SubscriberStatus.Confirmed,
            CreatedAt = now,
            ConsentedAt = now,
            ConfirmedAt = now,
        }, CancellationToken.None);

        await app.RunTimerAsync(CareerKit.Newsletter.NewsletterTimers.WeeklyTipsFunction);
        string[] files = [];
        for (var wait = 0; wait < 200 && files.Length == 0; wait++)
        {
            await Task.Delay(50);
            files = Directory.Exists(app.OutboxFolder) ? Directory.GetFiles(app.OutboxFolder, "*.eml") : [];
        }

        var message = await MimeKit.MimeMessage.LoadAsync(Assert.Single(files));
        Assert.Equal(email, message.To.Mailboxes.Single().Address);
        Assert.Contains("AI engineer tips", message.Subject);
        Assert.Contains("Hi Robin, here are this week's tips", message.HtmlBody);
        Assert.DoesNotContain("ckph-", message.HtmlBody + message.TextBody);
        Assert.Contains("One-Click", message.Headers["List-Unsubscribe-Post"]);
    }
}
