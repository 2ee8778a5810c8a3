using System.Net;
using System.Text;
using CareerKit.Newsletter;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Newsletter;

/// <summary>SendGrid's signed event webhook, with a key pair generated for the test.</summary>
public sealed class EventWebhookTests : IAsyncLifetime
{
    private readonly WebhookSigner _signer = new();
    private CareerKitApp _app = null!;

    public async Task InitializeAsync() => _app = await CareerKitApp.StartAsync(new Dictionary<string, string?>
    {
        ["SendGrid:WebhookPublicKey"] = _signer.PublicKey,
    });

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _signer.Dispose();
    }

    private Task<HttpResponseMessage> PostAsync(string body, DateTimeOffset? signedAt = null, WebhookSigner? signer = null, string? sentBody = null) =>
        _app.Client.SendAsync((signer ?? _signer).Request(body, signedAt ?? _app.Time.GetUtcNow(), sentBody));

    [Theory]
    [InlineData("bounce")]
    [InlineData("dropped")]
    [InlineData("spamreport")]
    [InlineData("unsubscribe")]
    [InlineData("group_unsubscribe")]
    public async Task A_delivery_problem_or_complaint_suppresses_the_subscriber(string type)
    {
        var email = CareerKitApp.NewAddress();
        await _app.SubscribeAndConfirmAsync(email);
        var id = (await _app.FindSubscriberAsync(email))!.Id;

        var response = await PostAsync($$"""[ { "event": "{{type}}", "sg_event_id": "{{Guid.NewGuid()}}", "subscriber_id": "{{id}}", "email": "{{email}}" } ]""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var subscriber = await _app.FindSubscriberAsync(email);
        Assert.Equal(SubscriberStatus.Suppressed, subscriber!.Status);
        Assert.False(subscriber.IsReceivingEmail);
    }

    [Fact]
    public async Task Deliveries_opens_and_clicks_are_counted_per_edition_once_per_event()
    {
        var edition = $"2026-W48-ml-{Guid.NewGuid():N}";
        var repeated = Guid.NewGuid().ToString();
        var body = $$"""
            [
              { "event": "delivered", "sg_event_id": "{{repeated}}", "edition_id": "{{edition}}" },
              { "event": "delivered", "sg_event_id": "{{Guid.NewGuid()}}", "edition_id": "{{edition}}" },
              { "event": "open", "sg_event_id": "{{Guid.NewGuid()}}", "edition_id": "{{edition}}" },
              { "event": "click", "sg_event_id": "{{Guid.NewGuid()}}", "edition_id": "{{edition}}" },
              { "event": "processed", "sg_event_id": "{{Guid.NewGuid()}}", "edition_id": "{{edition}}" }
            ]
            """;

        await PostAsync(body);
        await PostAsync($$"""[ { "event": "delivered", "sg_event_id": "{{repeated}}", "edition_id": "{{edition}}" } ]""");

        var counts = (await _app.Services.GetRequiredService<EventRecorder>().AllCountsAsync(CancellationToken.None))[edition];
        Assert.Equal(2, counts["delivered"]);
        Assert.Equal(1, counts["open"]);
        Assert.Equal(1, counts["click"]);
        Assert.False(counts.ContainsKey("processed"));
    }

    [Fact]
    public async Task Events_with_base64_ids_holding_slashes_are_applied_once_even_when_repeated_in_one_batch()
    {
        var email = CareerKitApp.NewAddress();
        await _app.SubscribeAndConfirmAsync(email);
        var id = (await _app.FindSubscriberAsync(email))!.Id;
        var edition = $"2026-W48-ml-{Guid.NewGuid():N}";
        var bounce = $$"""{ "event": "bounce", "sg_event_id": "{{Convert.ToBase64String(Guid.NewGuid().ToByteArray())}}/+/=", "subscriber_id": "{{id}}", "edition_id": "{{edition}}" }""";

        var first = await PostAsync($"[{bounce}, {bounce}]");
        var again = await PostAsync($"[{bounce}]");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("\"recorded\":1", await first.Content.ReadAsStringAsync());
        Assert.Contains("\"recorded\":0", await again.Content.ReadAsStringAsync());
        Assert.Equal(SubscriberStatus.Suppressed, (await _app.FindSubscriberAsync(email))!.Status);
        var counts = (await _app.Services.GetRequiredService<EventRecorder>().AllCountsAsync(CancellationToken.None))[edition];
        Assert.Equal(1, counts["bounce"]);
    }

    [Fact]
    public async Task Unsigned_forged_stale_or_altered_requests_are_refused_with_401()
    {
        const string body = """[ { "event": "bounce", "sg_event_id": "x", "subscriber_id": "y" } ]""";
        using var stranger = new WebhookSigner();

        var unsigned = await _app.Client.PostAsync("/api/sendgrid/events", new StringContent(body, Encoding.UTF8, "application/json"));
        var forged = await PostAsync(body, signer: stranger);
        var stale = await PostAsync(body, signedAt: _app.Time.GetUtcNow().AddMinutes(-11));
        var altered = await PostAsync(body, sentBody: body.Replace("bounce", "click", StringComparison.Ordinal));

        Assert.All(new[] { unsigned, forged, stale, altered }, response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
        Assert.Contains("headers are required", await unsigned.Content.ReadAsStringAsync());
        Assert.Contains("older than 10 minutes", await stale.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("99999999999999")]
    [InlineData("-99999999999999")]
    [InlineData("9223372036854775807")]
    [InlineData("not a time")]
    public async Task A_timestamp_out_of_any_range_is_refused_with_401_and_a_message(string timestamp)
    {
        using var request = _signer.Request("[]", _app.Time.GetUtcNow());
        request.Headers.Remove(EventWebhook.TimestampHeader);
        request.Headers.Add(EventWebhook.TimestampHeader, timestamp);

        var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(EventWebhook.TimestampHeader, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signed_body_that_is_not_an_event_array_is_a_400()
    {
        var malformed = await PostAsync("{ not json");
        var notArray = await PostAsync("""{ "event": "bounce" }""");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notArray.StatusCode);
    }
}
