using BenchmarkDotNet.Attributes;
using CareerKit.Email;
using CareerKit.Hosting;
using CareerKit.Newsletter;
using CareerKit.Subscriptions;
using Microsoft.Extensions.Options;

namespace CareerKit.Benchmarks;

/// <summary>
/// What a send batch spends per recipient: its substitutions and signed links, its part of the SendGrid
/// request, and that request serialized. One operation is one recipient of a 1,000-recipient batch.
/// </summary>
[MemoryDiagnoser]
public class PersonalisationBenchmarks
{
    private const int BatchSize = 1000;
    private readonly SendGridOptions _sendGrid = new() { ApiKey = "SG.bench", FromEmail = "newsletter@careerkit.example" };
    private EditionRecipients _recipients = null!;
    private static readonly string[] Tips = ["tip-one", "tip-two", "tip-three"]; // An edition's usual three tips, each with its feedback links.
    private Subscriber[] _subscribers = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new CareerKitOptions { PublicBaseUrl = "https://careerkit.example", SigningKey = "benchmark-signing-key-0123456789-abcdefghijkl" });
        var tokens = new SubscriptionTokens(options, TimeProvider.System);
        _recipients = new EditionRecipients(tokens, new FeedbackLinks(tokens, options), options);
        var hasher = new AddressHasher(options);
        _subscribers = [.. Enumerable.Range(0, BatchSize).Select(index => new Subscriber
        {
            Id = hasher.IdFor($"reader{index}@bench.example"),
            Email = $"reader{index}@bench.example",
            FirstName = index % 2 == 0 ? $"Reader {index}" : null,
            Status = SubscriberStatus.Confirmed,
        })];
    }

    /// <summary>Only the recipient's values and signed links, without the request around them.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int RecipientValuesOnly() => _subscribers.Sum(subscriber => _recipients.For("2026-W48-ml", Tips, subscriber, subscriber.Email!).HtmlValues.Count);

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int PersonaliseOneRecipient()
    {
        var recipients = _subscribers.Select(subscriber => _recipients.For("2026-W48-ml", Tips, subscriber, subscriber.Email!)).ToList();
        return SendGridBulkRequest.Write(new BulkEmail("Subject", "<p>ckph-first-name-6b1f</p>", "ckph-first-name-6b1f-text", recipients, ["tips-ml"]), _sendGrid).Length;
    }
}
