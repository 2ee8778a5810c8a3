using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CareerKit.Tests.Infrastructure;

/// <summary>
/// A stand-in for SendGrid's v3 API on loopback (the real one is outside our network). It records every
/// accepted /v3/mail/send body, and can be told to fail the next requests.
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    public const string ApiKey = "SG.test-key-never-logged";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonObject> _accepted = new();
    private readonly ConcurrentQueue<(int Status, TimeSpan? RetryAfter)> _failures = new();
    private int _attempts;

    private FakeSendGrid(WebApplication app) => _app = app;

    public string Host => _app.Urls.Single();

    /// <summary>Every mail/send body SendGrid accepted, in arrival order.</summary>
    public IReadOnlyList<JsonObject> Sent => [.. _accepted];

    /// <summary>Every mail/send request, accepted or failed.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Runs when a mail/send request arrives, before anything is recorded (a crash here: nothing was accepted).</summary>
    public Action? OnReceived { get; set; }

    /// <summary>Runs after a mail/send body is accepted, before the answer (a crash here: sent, but nobody heard).</summary>
    public Action? OnAccepted { get; set; }

    /// <summary>Answer the next requests with these status codes, then accept again.</summary>
    public void FailNext(params int[] statusCodes)
    {
        foreach (var status in statusCodes)
        {
            _failures.Enqueue((status, null));
        }
    }

    /// <summary>Answer the next request with this status code and a Retry-After header.</summary>
    public void FailNext(int statusCode, TimeSpan retryAfter) => _failures.Enqueue((statusCode, retryAfter));

    public void FailAlways(int statusCode, int times = 1000) => FailNext(Enumerable.Repeat(statusCode, times).ToArray());

    public void Recover() => _failures.Clear();

    public static async Task<FakeSendGrid> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSendGrid(app);
        app.MapPost("/v3/mail/send", fake.ReceiveAsync);
        // What the app's health check asks: does SendGrid accept the key? Answers like a failing SendGrid while told to fail.
        app.MapGet("/v3/scopes", (HttpRequest request) => request.Headers.Authorization != $"Bearer {ApiKey}" ? Results.StatusCode(401)
            : fake._failures.TryPeek(out var failure) ? Results.StatusCode(failure.Status) : Results.Json(new { scopes = new[] { "mail.send" } }));
        await app.StartAsync();
        return fake;
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _attempts);
        OnReceived?.Invoke();
        if (request.Headers.Authorization != $"Bearer {ApiKey}")
        {
            return Results.Json(new { errors = new[] { new { message = "The provided authorization grant is invalid." } } }, statusCode: 401);
        }

        if (_failures.TryDequeue(out var failure))
        {
            if (failure.RetryAfter is { } wait)
            {
                request.HttpContext.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.Json(new { errors = new[] { new { message = "fake failure" } } }, statusCode: failure.Status);
        }

        var body = await JsonNode.ParseAsync(request.Body) as JsonObject
            ?? throw new InvalidOperationException("mail/send body is not a JSON object");
        _accepted.Enqueue(body);
        OnAccepted?.Invoke();
        return Results.StatusCode(202);
    }

    /// <summary>Waits for an email to the address (tests are fast, but sends are asynchronous to the test).</summary>
    public IReadOnlyList<CapturedEmail> EmailsTo(string address) =>
        Sent.Select(CapturedEmail.From).Where(email => email.To.Contains(address, StringComparer.OrdinalIgnoreCase)).ToList();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>The parts of a captured mail/send body that tests look at.</summary>
public sealed record CapturedEmail(IReadOnlyList<string> To, string Subject, string Text, string Html, IReadOnlyDictionary<string, string> Headers, IReadOnlyList<string> Categories, JsonObject Body)
{
    public static CapturedEmail From(JsonObject body)
    {
        var personalization = body["personalizations"]!.AsArray()[0]!.AsObject();
        var content = body["content"]!.AsArray().Select(part => part!.AsObject()).ToList();
        return new CapturedEmail(
            personalization["to"]!.AsArray().Select(to => to!["email"]!.GetValue<string>()).ToList(),
            body["subject"]?.GetValue<string>() ?? personalization["subject"]?.GetValue<string>() ?? "",
            content.FirstOrDefault(part => part["type"]!.GetValue<string>() == "text/plain")?["value"]?.GetValue<string>() ?? "",
            content.FirstOrDefault(part => part["type"]!.GetValue<string>() == "text/html")?["value"]?.GetValue<string>() ?? "",
            (personalization["headers"] as JsonObject)?.ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<string>()) ?? new Dictionary<string, string>(),
            (body["categories"] as JsonArray)?.Select(category => category!.GetValue<string>()).ToList() ?? [],
            body);
    }

    /// <summary>The first link in the plain-text part whose path starts with <paramref name="path"/>.</summary>
    public Uri Link(string path)
    {
        var match = System.Text.RegularExpressions.Regex.Match(Text, $@"https?://\S+{System.Text.RegularExpressions.Regex.Escape(path)}\?token=\S+");
        return match.Success ? new Uri(match.Value) : throw new InvalidOperationException($"No {path} link in: {Text}");
    }
}
