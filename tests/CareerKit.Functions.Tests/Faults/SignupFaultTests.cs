using System.Net;
using System.Text.Json.Nodes;
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

    /// <summary>CareerKit:UnknownOutcomeWindow's default: how long a sign-up email whose answer was lost waits for SendGrid's event.</summary>
    private static readonly TimeSpan UnknownOutcomeWindow = TimeSpan.FromMinutes(30);

    /// <returns>Whether the SignupEmails timer function ran without failing.</returns>
    private static async Task<bool> SweepOutboxAsync(CareerKitApp app) =>
        await Record.ExceptionAsync(() => app.RunTimerAsync(SignupEmailSweep.Name)) is null;

    /// <summary>A sweep, which must succeed.</summary>
    private static async Task SweepAsync(CareerKitApp app) => Assert.True(await SweepOutboxAsync(app));

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
        Assert.True(sweep);
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
        Assert.True(sweep);
        Assert.True(again);
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
        Assert.True(sweep);
        Assert.Equal(HttpStatusCode.Accepted, retriedLater.StatusCode);
        Assert.True(sweptAgain);
        var confirmation = Assert.Single(app.SendGrid.EmailsTo(email));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(confirmation.Link("/api/subscriptions/confirm"))).StatusCode);
    }

    /// <summary>SendGrid took the email and its answer was lost; its processed event settles it: one email, never two.</summary>
    [Fact]
    public async Task When_SendGrids_answer_is_lost_its_processed_event_settles_the_email_and_nothing_is_sent_again()
    {
        using var signer = new WebhookSigner();
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["SendGrid:WebhookPublicKey"] = signer.PublicKey });
        var email = CareerKitApp.NewAddress();

        var response = await SignUpLosingTheAnswerAsync(app, email);
        var retried = await app.SignUpAsync(email);
        app.Time.Advance(PastTheClaim);
        await SweepAsync(app);
        await PostProcessedEventsAsync(app, signer, email);
        await SweepAsync(app);
        app.Time.Advance(UnknownOutcomeWindow);
        await SweepAsync(app);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var confirmation = Assert.Single(app.SendGrid.EmailsTo(email));
        Assert.DoesNotContain(email, CustomArgs(confirmation).ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Null((await app.FindSubscriberAsync(email))!.EmailOwed);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(confirmation.Link("/api/subscriptions/confirm"))).StatusCode);
    }

    /// <summary>
    /// No event ever comes: nothing is sent again, not even on the person's retry, until the unknown-outcome window has
    /// passed; then the email is sent again, once, because a lost confirmation would lose the sign-up.
    /// </summary>
    [Fact]
    public async Task When_SendGrids_answer_is_lost_and_no_event_comes_the_email_is_sent_again_once_only_after_the_window()
    {
        using var signer = new WebhookSigner();
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["SendGrid:WebhookPublicKey"] = signer.PublicKey });
        var email = CareerKitApp.NewAddress();

        await SignUpLosingTheAnswerAsync(app, email);
        var lostAt = app.Time.GetUtcNow();
        app.Time.Advance(PastTheClaim);
        await SweepAsync(app);
        app.Time.Advance(lostAt + UnknownOutcomeWindow - TimeSpan.FromMinutes(1) - app.Time.GetUtcNow());
        var retried = await app.SignUpAsync(email);
        await SweepAsync(app);
        var withinTheWindow = app.SendGrid.EmailsTo(email).Count;
        app.Time.Advance(TimeSpan.FromMinutes(2));
        await SweepAsync(app);
        await SweepAsync(app);

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(1, withinTheWindow);
        var emails = app.SendGrid.EmailsTo(email);
        Assert.Equal(2, emails.Count);
        Assert.Null((await app.FindSubscriberAsync(email))!.EmailOwed);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(emails[1].Link("/api/subscriptions/confirm"))).StatusCode);
    }

    /// <summary>Without the webhook no event can come, so waiting would only delay the email: it is sent again when the claim runs out.</summary>
    [Fact]
    public async Task When_SendGrids_answer_is_lost_and_the_webhook_is_not_configured_the_email_is_sent_again_when_the_claim_runs_out()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();

        await SignUpLosingTheAnswerAsync(app, email);
        var retried = await app.SignUpAsync(email);
        await SweepAsync(app);
        var whileClaimed = app.SendGrid.EmailsTo(email).Count;
        app.Time.Advance(PastTheClaim);
        await SweepAsync(app);
        await SweepAsync(app);

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(1, whileClaimed);
        Assert.Equal(2, app.SendGrid.EmailsTo(email).Count);
    }

    /// <summary>Storage fails as the answer is lost, so the row cannot say so: SendGrid's event still keeps the sweep from sending again.</summary>
    [Fact]
    public async Task When_SendGrids_answer_is_lost_while_storage_is_down_its_processed_event_still_keeps_the_sweep_from_sending_again()
    {
        using var signer = new WebhookSigner();
        await using var storage = await FaultyStorage.InFrontOfAsync();
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?>(Behind(storage)) { ["SendGrid:WebhookPublicKey"] = signer.PublicKey });
        var email = CareerKitApp.NewAddress();

        var response = await SignUpLosingTheAnswerAsync(app, email, whileLost: () => storage.Mode = FaultMode.Down);
        storage.Mode = FaultMode.Up;
        await PostProcessedEventsAsync(app, signer, email);
        app.Time.Advance(PastTheClaim);
        await SweepAsync(app);
        await SweepAsync(app);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Single(app.SendGrid.EmailsTo(email));
        Assert.Null((await app.FindSubscriberAsync(email))!.EmailOwed);
    }

    /// <summary>Signs up; SendGrid accepts the email but its answer comes after the request timed out, so the app never hears it.</summary>
    private static async Task<HttpResponseMessage> SignUpLosingTheAnswerAsync(CareerKitApp app, string email, Action? whileLost = null)
    {
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
        whileLost?.Invoke();
        app.Time.Advance(TimeSpan.FromSeconds(30)); // Past SendGrid's request timeout: its answer is lost.
        var response = await signup;
        answer.Set();
        return response;
    }

    /// <summary>SendGrid's signed "processed" events for every email to the address, with the custom args each carried.</summary>
    private static async Task PostProcessedEventsAsync(CareerKitApp app, WebhookSigner signer, string email)
    {
        var events = new JsonArray([.. app.SendGrid.EmailsTo(email).Select(sent =>
        {
            var item = new JsonObject { ["event"] = "processed", ["sg_event_id"] = Guid.NewGuid().ToString("N"), ["email"] = email };
            foreach (var (name, value) in CustomArgs(sent))
            {
                item[name] = value!.GetValue<string>();
            }

            return (JsonNode)item;
        })]);
        using var response = await app.Client.SendAsync(signer.Request(events.ToJsonString(), app.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The custom args an email carried, which SendGrid's events repeat.</summary>
    private static JsonObject CustomArgs(CapturedEmail sent) => (sent.Body["personalizations"]![0]!["custom_args"] ?? sent.Body["custom_args"]!).AsObject();
}
