using System.Net;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Subscriptions;

/// <summary>When storage or SendGrid fails: a 503 with Retry-After, and no sign-up or email lost or doubled.</summary>
public sealed class OutageTests
{
    [Fact]
    public async Task With_storage_down_sign_up_answers_503_with_retry_after_and_sends_nothing()
    {
        var closedPort = FreePort.Next();
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;",
        });

        var json = await app.SignUpAsync(CareerKitApp.NewAddress());
        var form = await app.SignUpWithFormAsync(new Dictionary<string, string> { ["email"] = CareerKitApp.NewAddress(), ["track"] = "ml", ["consent"] = "yes" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, json.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), json.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Nothing was saved", await json.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, form.StatusCode);
        Assert.Contains("try again in 30 seconds", await form.Content.ReadAsStringAsync());
        Assert.Equal(0, app.SendGrid.Attempts);

        var health = await app.Client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }

    [Fact]
    public async Task When_SendGrid_fails_the_sign_up_is_kept_and_the_retry_sends_exactly_one_email()
    {
        await using var app = await CareerKitApp.StartAsync(realClock: true);
        var email = CareerKitApp.NewAddress();
        app.SendGrid.FailAlways(500);

        var failed = await app.SignUpAsync(email);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Contains("Nothing was lost", await failed.Content.ReadAsStringAsync());
        Assert.True(app.SendGrid.Attempts >= 2, "5xx answers are retried");
        Assert.Equal(SubscriberStatus.Pending, (await app.FindSubscriberAsync(email))!.Status);
        Assert.Empty(app.SendGrid.EmailsTo(email));

        app.SendGrid.Recover();
        var retried = await app.SignUpAsync(email);

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Single(app.SendGrid.EmailsTo(email));
    }

    [Fact]
    public async Task A_passing_SendGrid_hiccup_is_retried_without_the_person_noticing()
    {
        await using var app = await CareerKitApp.StartAsync(realClock: true);
        var email = CareerKitApp.NewAddress();
        app.SendGrid.FailNext(503);

        var response = await app.SignUpAsync(email);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Single(app.SendGrid.EmailsTo(email));
        Assert.Equal(2, app.SendGrid.Attempts);
    }

    [Fact]
    public async Task A_SendGrid_4xx_is_not_retried()
    {
        await using var app = await CareerKitApp.StartAsync(realClock: true);
        app.SendGrid.FailNext(400);

        var response = await app.SignUpAsync(CareerKitApp.NewAddress());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, app.SendGrid.Attempts);
    }
}
