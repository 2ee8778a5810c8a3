using System.Net.Http.Json;
using CareerKit.Hosting;
using CareerKit.Subscriptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CareerKit.Tests.Infrastructure;

/// <summary>
/// The real CareerKit app on real Kestrel on a loopback port, against the shared Azurite and its own fake
/// SendGrid, with a clock the test controls. A fresh one per test: no test sees another's state.
/// </summary>
public sealed class CareerKitApp : IAsyncDisposable
{
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnop";
    private readonly WebApplication _app;
    private readonly string _contentRoot;

    private readonly FakeTimeProvider? _time;

    private CareerKitApp(WebApplication app, string contentRoot, Uri baseAddress, FakeSendGrid sendGrid, FakeTimeProvider? time, CapturedLogs logs)
    {
        _app = app;
        _contentRoot = contentRoot;
        BaseAddress = baseAddress;
        SendGrid = sendGrid;
        _time = time;
        Logs = logs;
        Client = NewClient();
    }

    public Uri BaseAddress { get; }
    public FakeSendGrid SendGrid { get; }
    /// <summary>The app's clock, which the test moves. Not there for apps started with the real clock.</summary>
    public FakeTimeProvider Time => _time ?? throw new InvalidOperationException("This app runs on the real clock.");
    public CapturedLogs Logs { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;
    public string OutboxFolder => Path.Combine(_contentRoot, "outbox");

    /// <param name="settings">Overrides of the default test settings; a null value removes a setting.</param>
    /// <param name="realClock">
    /// Run on the real clock: for tests of HTTP retries, whose backoff delays wait on the app's clock.
    /// </param>
    /// <param name="clockStart">Where the test clock starts (now by default), before any part of the app reads it.</param>
    public static async Task<CareerKitApp> StartAsync(IDictionary<string, string?>? settings = null, bool realClock = false, DateTimeOffset? clockStart = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortAsync(settings, realClock, clockStart);
            }
            catch (IOException taken) when (taken.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException && attempt < 5)
            {
                // Another process took the free port between our check and our bind: take another.
            }
        }
    }

    private static async Task<CareerKitApp> StartOnFreePortAsync(IDictionary<string, string?>? settings, bool realClock, DateTimeOffset? clockStart)
    {
        var azurite = await Azurite.InstanceAsync();
        var sendGrid = await FakeSendGrid.StartAsync();
        var port = FreePort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var contentRoot = Directory.CreateTempSubdirectory("careerkit-test-").FullName;

        var values = new Dictionary<string, string?>
        {
            ["urls"] = baseAddress.AbsoluteUri.TrimEnd('/'),
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["CareerKit:PublicBaseUrl"] = baseAddress.AbsoluteUri,
            ["CareerKit:SigningKey"] = SigningKey,
            ["CareerKit:OutboxPath"] = Path.Combine(contentRoot, "outbox"),
            ["CareerKit:SignupsPerClientPerMinute"] = "0",
            [CareerKit.Hosting.Telemetry.ConsoleSetting] = "false", // Tests watch telemetry with listeners, not the console.
            ["SendGrid:ApiKey"] = FakeSendGrid.ApiKey,
            ["SendGrid:Host"] = sendGrid.Host,
            ["SendGrid:FromEmail"] = "newsletter@careerkit.test",
            ["SendGrid:FromName"] = "CareerKit",
            ["CareerKit:LocalScheduler"] = "false",
            // A sweep on a clock moved ahead would delete other tests' fresh resumes in the shared Azurite.
            [CareerKit.Resumes.StoredResumeSweep.SweepSetting] = "false",
            // Each app its own queue: no test reads another's messages. Short enough for a storage prefix and "-poison" too.
            ["CareerKit:SendQueueName"] = $"send-batches-{Guid.NewGuid():N}"[..29],
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        // An app whose timers run keeps their schedule status in storage: each such app gets storage of its own, so
        // one test's clock (years ahead) never makes another's timer past due.
        if (values.GetValueOrDefault("CareerKit:LocalScheduler") == "true" && !values.ContainsKey("CareerKit:TablePrefix") && !values.ContainsKey("CareerKit:StoragePrefix"))
        {
            values["CareerKit:StoragePrefix"] = $"t{Guid.NewGuid():N}"[..12];
        }

        var time = realClock ? null : new FakeTimeProvider(clockStart ?? DateTimeOffset.UtcNow);
        var logs = new CapturedLogs();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(values.Where(pair => pair.Value is not null));
        builder.AddCareerKit();
        if (time is not null)
        {
            builder.Services.AddSingleton<TimeProvider>(time);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);

        var app = builder.Build();
        app.UseCareerKit();
        app.MapCareerKit();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            await sendGrid.DisposeAsync();
            throw;
        }

        return new CareerKitApp(app, contentRoot, baseAddress, sendGrid, time, logs);
    }

    public HttpClient NewClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    public static string NewAddress(string tag = "reader") => $"{tag}.{Guid.NewGuid():N}@example.com";

    public Task<HttpResponseMessage> SignUpAsync(string email, string track = "ml", string? firstName = null) =>
        Client.PostAsJsonAsync("/api/subscriptions", new { email, firstName, track, consent = true });

    public Task<HttpResponseMessage> SignUpWithFormAsync(IDictionary<string, string> fields) =>
        Client.PostAsync("/api/subscriptions", new FormUrlEncodedContent(fields));

    public async Task<Subscriber?> FindSubscriberAsync(string email)
    {
        Assert.True(EmailAddress.TryNormalize(email, out var normalized, out _));
        var id = Services.GetRequiredService<AddressHasher>().IdFor(normalized);
        return await Services.GetRequiredService<SubscriberStore>().FindAsync(id, CancellationToken.None);
    }

    /// <summary>Signs up and presses the button of the confirmation link's page (a POST): a confirmed subscriber.</summary>
    public async Task<CapturedEmail> SubscribeAndConfirmAsync(string email, string track = "ml", string? firstName = null)
    {
        var response = await SignUpAsync(email, track, firstName);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var confirmation = Assert.Single(SendGrid.EmailsTo(email));
        var confirmed = await PressConfirmAsync(confirmation.Link("/api/subscriptions/confirm"));
        Assert.Equal(System.Net.HttpStatusCode.OK, confirmed.StatusCode);
        return confirmation;
    }

    /// <summary>Presses the button of the page a confirmation link opens: the POST that confirms.</summary>
    public Task<HttpResponseMessage> PressConfirmAsync(Uri confirmationLink) => Client.PostAsync(confirmationLink, new FormUrlEncodedContent([]));

    /// <summary>A link with a fresh token, as an email would carry it.</summary>
    public Uri LinkFor(string email, string path, TokenPurpose purpose)
    {
        Assert.True(EmailAddress.TryNormalize(email, out var normalized, out _));
        var id = Services.GetRequiredService<AddressHasher>().IdFor(normalized);
        return new Uri(Services.GetRequiredService<SubscriptionEmails>().Link(path, id, purpose));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await SendGrid.DisposeAsync();
        try
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
