using System.Net;
using System.Text.Json;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Faults;

/// <summary>
/// Storage that restarts empty (Azurite without persistence, or an account recreated): the app recreates the tables,
/// containers and queues it had created before, instead of failing until it restarts itself.
/// </summary>
public sealed class StorageRestartTests
{
    [Fact]
    public async Task After_storage_restarted_empty_sign_up_the_archive_and_the_weekly_run_work()
    {
        var azurite = await Azurite.StartPrivateAsync();
        try
        {
            await using var app = await CareerKitApp.StartAsync(
                new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString },
                clockStart: new DateTimeOffset(2111, 3, 2, 9, 0, 0, TimeSpan.Zero)); // A Monday.
            await app.SubscribeAndConfirmAsync(CareerKitApp.NewAddress("before"));
            Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/archive")).StatusCode);
            await app.RunTimerAsync(CareerKit.Newsletter.NewsletterTimers.WeeklyTipsFunction);

            azurite = await azurite.RestartEmptyAsync();
            var email = CareerKitApp.NewAddress("after");
            var signup = await app.SignUpAsync(email, "ai");
            var confirmed = await app.PressConfirmAsync(Assert.Single(app.SendGrid.EmailsTo(email)).Link("/api/subscriptions/confirm"));
            var archive = await app.Client.GetAsync("/archive");
            app.Time.Advance(TimeSpan.FromDays(7));
            var before = app.Logs.Lines.Count;
            await app.RunTimerAsync(CareerKit.Newsletter.NewsletterTimers.WeeklyTipsFunction);

            Assert.Equal(HttpStatusCode.Accepted, signup.StatusCode);
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
            var log = app.Logs.Lines.Skip(before).Single(line => line.Contains("WeeklyTips: composed", StringComparison.Ordinal));
            Assert.Contains("for 1 recipient(s)", log); // The subscriber who signed up after the restart.
        }
        finally
        {
            azurite.Dispose();
        }
    }
}
