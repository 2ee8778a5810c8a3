using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using CareerKit;
using CareerKit.Hosting;
using CareerKit.Storage;
using CareerKit.Subscriptions;
using Microsoft.Extensions.Options;

// One SendGrid event webhook delivery of EVENTS events, timed end to end against a running app, then the same
// delivery again (SendGrid's retry). Each run seeds its own confirmed recipients and uses a fresh edition.
//   dotnet CareerKit.WebhookBench.dll --storage CS --signing-key KEY --app URL --key-pem FILE [--events 5000] [--runs 3]
var options = args.Chunk(2).ToDictionary(pair => pair[0].TrimStart('-'), pair => pair[1]);
var storage = options["storage"];
var signingKey = options["signing-key"];
var events = int.Parse(options.GetValueOrDefault("events", "5000"), CultureInfo.InvariantCulture);
var runs = int.Parse(options.GetValueOrDefault("runs", "3"), CultureInfo.InvariantCulture);
using var key = ECDsa.Create();
key.ImportFromPem(File.ReadAllText(options["key-pem"]));
using var http = new HttpClient { BaseAddress = new Uri(options["app"]), Timeout = TimeSpan.FromMinutes(5) };

var store = new SubscriberStore(new TableStorage(new TableServiceClient(storage), new StorageNames("")));
var hasher = new AddressHasher(Options.Create(new CareerKitOptions { SigningKey = signingKey, PublicBaseUrl = "http://localhost" }));

// Events carry URL-safe ids (as SendGrid's are), our custom args and no email address, so 5,000 fit the webhook's 1 MB body limit.
// A week's mix for 2 recipients in 5 events: processed and delivered (or bounced) for each, opens and clicks for some.
var recipients = events * 2 / 5;
var bounces = recipients / 20;
for (var run = 1; run <= runs; run++)
{
    var edition = $"2026-W50-ml-bench{run}-{Guid.NewGuid():N}"[..40];
    var now = DateTimeOffset.UtcNow;
    var ids = Enumerable.Range(0, recipients).Select(index => hasher.IdFor($"webhook{run}.{index:D5}.{Guid.NewGuid():N}@bench.example")).ToList();
    await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, token) =>
        await store.TryAddAsync(new Subscriber { Id = id, Email = "x@bench.example", Track = Track.Ml, Status = SubscriberStatus.Confirmed, CreatedAt = now, ConsentedAt = now, ConfirmedAt = now }, token));

    var batch = new List<Dictionary<string, object>>();
    void Add(string type, string id) => batch.Add(new()
    {
        ["timestamp"] = now.ToUnixTimeSeconds(), ["event"] = type,
        ["sg_event_id"] = System.Buffers.Text.Base64Url.EncodeToString(Guid.NewGuid().ToByteArray()), ["edition_id"] = edition, ["subscriber_id"] = id,
    });
    ids.ForEach(id => Add("processed", id));
    ids.Select((id, index) => (id, index)).ToList().ForEach(pair => Add(pair.index < bounces ? "bounce" : "delivered", pair.id));
    ids.Skip(bounces).Take(events - batch.Count - recipients / 10).ToList().ForEach(id => Add("open", id));
    ids.Skip(bounces).Take(events - batch.Count).ToList().ForEach(id => Add("click", id));
    var body = JsonSerializer.Serialize(batch);

    var first = await PostAsync(body);
    var again = await PostAsync(body);
    var suppressed = 0;
    foreach (var id in ids.Take(bounces))
    {
        suppressed += (await store.FindAsync(id, CancellationToken.None))?.Status == SubscriberStatus.Suppressed ? 1 : 0;
    }

    Console.WriteLine($"run {run}: {batch.Count} events, {Encoding.UTF8.GetByteCount(body) / 1024} KB: first delivery {first.Status} in {first.Elapsed.TotalSeconds:F2} s ({first.Answer}), "
        + $"again {again.Status} in {again.Elapsed.TotalSeconds:F2} s ({again.Answer}); {suppressed} of {bounces} bounced recipients suppressed");
}

async Task<(int Status, TimeSpan Elapsed, string Answer)> PostAsync(string body)
{
    var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    var signature = key.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", Convert.ToBase64String(signature));
    request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
    var clock = Stopwatch.StartNew();
    using var response = await http.SendAsync(request);
    var answer = await response.Content.ReadAsStringAsync();
    return ((int)response.StatusCode, clock.Elapsed, answer.Length > 80 ? answer[..80] : answer);
}
