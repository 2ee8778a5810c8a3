using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace CareerKit.NewsletterBench;

/// <summary>SendGrid's mail/send on loopback: accepts every request and counts calls and recipients.</summary>
internal sealed class SendGridStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private int _calls;
    private int _recipients;
    private long _lastAcceptedAt;

    private SendGridStandIn(WebApplication app) => _app = app;

    public int Calls => Volatile.Read(ref _calls);
    public int Recipients => Volatile.Read(ref _recipients);
    public int DistinctRecipients => _seen.Count;
    public long LastAcceptedAt => Volatile.Read(ref _lastAcceptedAt);

    public static async Task<SendGridStandIn> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new SendGridStandIn(app);
        app.MapPost("/v3/mail/send", standIn.AcceptAsync);
        await app.StartAsync();
        return standIn;
    }

    private async Task<IResult> AcceptAsync(HttpRequest request)
    {
        using var body = await JsonDocument.ParseAsync(request.Body);
        var count = 0;
        foreach (var personalization in body.RootElement.GetProperty("personalizations").EnumerateArray())
        {
            _seen.TryAdd(personalization.GetProperty("to")[0].GetProperty("email").GetString()!, 0);
            count++;
        }

        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _recipients, count);
        Volatile.Write(ref _lastAcceptedAt, Stopwatch.GetTimestamp());
        return Results.StatusCode(202);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
