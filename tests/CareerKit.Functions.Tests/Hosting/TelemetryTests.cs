using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using CareerKit.Newsletter;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Hosting;

/// <summary>Meters are process-wide: these tests run alone, so what the listeners see is theirs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}

/// <summary>Traces and metrics of what users do, watched with in-process listeners; none of them may carry an address or a token.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests : IDisposable
{
    private readonly ConcurrentBag<Activity> _activities = [];
    private readonly ConcurrentDictionary<string, double> _measurements = new();
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener = new();

    public TelemetryTests()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is CareerKit.Hosting.Telemetry.Name or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _activities.Add,
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CareerKit.Hosting.Telemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _measurements.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        _meterListener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            _measurements.AddOrUpdate(instrument.Name + ".count", 1, (_, sum) => sum + 1);
            _measurements[instrument.Name + ".last"] = value;
        });
        _meterListener.Start();
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }

    [Fact]
    public async Task Sign_up_confirm_unsubscribe_and_a_pdf_are_counted_and_no_trace_holds_the_address_or_a_token()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress("telemetry");

        var confirmation = await app.SubscribeAndConfirmAsync(email);
        var unsubscribe = app.LinkFor(email, "api/subscriptions/unsubscribe", TokenPurpose.Unsubscribe);
        var unsubscribed = await app.Client.PostAsync(unsubscribe, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        var pdf = await app.Client.PostAsync("/api/resumes/ai-engineer", new StringContent("""{"basics":{"name":"Ada Lovelace"}}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal(1, _measurements.GetValueOrDefault("careerkit.signups"));
        Assert.Equal(1, _measurements.GetValueOrDefault("careerkit.confirmations"));
        Assert.Equal(1, _measurements.GetValueOrDefault("careerkit.unsubscribes"));
        Assert.Equal(2, _measurements.GetValueOrDefault("careerkit.emails.sent")); // The confirmation and the welcome email.
        Assert.Equal(1, _measurements.GetValueOrDefault("careerkit.pdf.render.duration.count"));
        Assert.Contains(_activities, activity => activity.OperationName == "render resume PDF");

        var token = System.Web.HttpUtility.ParseQueryString(unsubscribe.Query)["token"]!;
        var seen = _activities.SelectMany(activity => activity.TagObjects.Select(tag => $"{tag.Key}={tag.Value}").Append(activity.DisplayName)).ToList();
        Assert.Contains(seen, tag => tag.Contains("/api/subscriptions/unsubscribe", StringComparison.Ordinal)); // The request was traced...
        Assert.DoesNotContain(seen, tag => tag.Contains(email, StringComparison.OrdinalIgnoreCase) || tag.Contains(token, StringComparison.Ordinal)); // ...without its token.
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(email, StringComparison.OrdinalIgnoreCase) || line.Contains(token, StringComparison.Ordinal));
        Assert.NotNull(confirmation);
    }

    [Fact]
    public async Task A_refused_email_is_counted_as_failed()
    {
        await using var app = await CareerKitApp.StartAsync(realClock: true);
        app.SendGrid.FailAlways(400);

        await app.SignUpAsync(CareerKitApp.NewAddress("refused"));

        Assert.Equal(1, _measurements.GetValueOrDefault("careerkit.emails.failed"));
        Assert.Equal(0, _measurements.GetValueOrDefault("careerkit.emails.sent"));
    }

    [Fact]
    public async Task A_batch_the_Functions_host_delivers_reports_how_long_it_waited_in_the_queue()
    {
        await using var app = await CareerKitApp.StartAsync();
        app.Time.SetUtcNow(new DateTimeOffset(2112, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await app.SubscribeAndConfirmAsync(CareerKitApp.NewAddress("waited"), "ml", "Ada");
        await app.RunTimerAsync(CareerKit.Newsletter.NewsletterTimers.WeeklyTipsFunction);
        var queued = (await app.Services.GetRequiredService<SendQueue>().Client.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value
            .Select(message => JsonSerializer.Deserialize<SendBatchMessage>(message.Body.ToString(), JsonSerializerOptions.Web)!)
            .First(batch => batch.IsoWeek.StartsWith("2112-", StringComparison.Ordinal) && batch.Track == Track.Ml);

        // The host's InsertionTime is storage time: the real clock, not the app's.
        var sent = await app.DeliverBatchAsync(queued, insertedOn: DateTimeOffset.UtcNow.AddSeconds(-90));

        Assert.NotNull(sent);
        Assert.Equal(1, _measurements.GetValueOrDefault("careerkit.send_batch.queue_wait.count"));
        Assert.InRange(_measurements["careerkit.send_batch.queue_wait.last"], 89, 600);
        Assert.Equal(1, _measurements.GetValueOrDefault("careerkit.send_batch.duration.count"));
    }
}
