using System.Net;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Faults;

/// <summary>
/// Sign-ups while storage fails: a 503 with Retry-After while it is out, and afterwards every stored sign-up gets its
/// email exactly once, whether the person tries again or not.
/// </summary>
public sealed class SignupFaultTests
{
    /// <summary>Past the claim of a sign-up email whose sender failed, so the outbox sweep may send it.</summary>
    private static readonly TimeSpan PastTheClaim = SignupEmailOutbox.ClaimLease + TimeSpan.FromMinutes(1);

    /// <summary>Storage through the fault proxy, with short storage timeouts so a hang costs seconds, not 15 s a request.</summary>
    private static Dictionary<string, string?> Behind(FaultyStorage storage) => new()
    {
        ["AzureWebJobsStorage"] = storage.ConnectionString,
        ["CareerKit:StorageTimeoutSeconds"] = "1",
    };

    private static Task<HttpResponseMessage> SweepOutboxAsync(CareerKitApp app) => app.Client.PostAsync("/SignupEmails", FunctionPayloads.Timer());

    [Fact]
    public async Task Sign_ups_while_storage_hangs_answer_503_and_after_recovery_each_person_gets_exactly_one_email()
    {
        await using var storage = await FaultyStorage.InFrontOfAsync();
        await using var app = await CareerKitApp.StartAsync(Behind(storage));
        var before = CareerKitApp.NewAddress("before");
        Assert.Equal(HttpStatusCode.Accepted, (await app.SignUpAsync(before)).StatusCode);
        var people = Enumerable.Range(1, 5).Select(index => CareerKitApp.NewAddress($"hang{index}")).ToList();

        storage.Mode = FaultMode.Hang;
        var duringHang = await Task.WhenAll(people.Select(email => app.SignUpAsync(email)));
        storage.Mode = FaultMode.Up;
        var retries = await Task.WhenAll(people.Select(email => app.SignUpAsync(email)));
        app.Time.Advance(PastTheClaim);
        var sweep = await SweepOutboxAsync(app);

        Assert.All(duringHang, response =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        });
        Assert.All(retries, response => Assert.Equal(HttpStatusCode.Accepted, response.StatusCode));
        Assert.Equal(HttpStatusCode.OK, sweep.StatusCode);
        Assert.All(people.Append(before), email => Assert.Single(app.SendGrid.EmailsTo(email)));
    }

    [Fact]
    public async Task Storage_going_down_between_the_row_write_and_the_email_sends_the_email_once()
    {
        await using var storage = await FaultyStorage.InFrontOfAsync();
        await using var app = await CareerKitApp.StartAsync(Behind(storage));
        var email = CareerKitApp.NewAddress();

        app.SendGrid.OnReceived = () => storage.Mode = FaultMode.Down; // The row is written; the email is on its way.
        var response = await app.SignUpAsync(email);
        app.SendGrid.OnReceived = null;
        storage.Mode = FaultMode.Up;
        app.Time.Advance(PastTheClaim);
        var sweep = await SweepOutboxAsync(app);
        var again = await SweepOutboxAsync(app);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sweep.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(app.SendGrid.EmailsTo(email));
        Assert.Equal(SubscriberStatus.Pending, (await app.FindSubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task A_sign_up_whose_email_failed_while_storage_went_down_gets_it_once_after_recovery_even_when_retried()
    {
        await using var storage = await FaultyStorage.InFrontOfAsync();
        await using var app = await CareerKitApp.StartAsync(Behind(storage));
        var email = CareerKitApp.NewAddress();

        app.SendGrid.OnReceived = () => storage.Mode = FaultMode.Down;
        app.SendGrid.FailNext(400); // Not accepted, and the claim on the row cannot be given back: storage is down.
        var failed = await app.SignUpAsync(email);
        app.SendGrid.OnReceived = null;
        storage.Mode = FaultMode.Up;
        var retried = await app.SignUpAsync(email);
        app.Time.Advance(PastTheClaim);
        var sweep = await SweepOutboxAsync(app);
        var retriedLater = await app.SignUpAsync(email);
        var sweptAgain = await SweepOutboxAsync(app);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sweep.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retriedLater.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sweptAgain.StatusCode);
        var confirmation = Assert.Single(app.SendGrid.EmailsTo(email));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(confirmation.Link("/api/subscriptions/confirm"))).StatusCode);
    }

    /// <summary>The one case settled on purpose towards sending: nobody can know whether SendGrid took an email whose answer was lost.</summary>
    [Fact]
    public async Task When_SendGrids_answer_is_lost_the_sweep_sends_the_email_again_rather_than_risk_losing_it()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        using var accepted = new SemaphoreSlim(0);
        using var answer = new ManualResetEventSlim();
        app.SendGrid.OnAccepted = () =>
        {
            accepted.Release();
            answer.Wait(TimeSpan.FromSeconds(30));
        };

        var signup = app.SignUpAsync(email);
        await accepted.WaitAsync();
        app.SendGrid.OnAccepted = null;
        app.Time.Advance(TimeSpan.FromSeconds(30)); // Past SendGrid's request timeout: its answer is lost.
        var response = await signup;
        answer.Set();
        var retried = await app.SignUpAsync(email);
        app.Time.Advance(PastTheClaim);
        var sweep = await SweepOutboxAsync(app);
        var again = await SweepOutboxAsync(app);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sweep.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, app.SendGrid.EmailsTo(email).Count);
    }
}
