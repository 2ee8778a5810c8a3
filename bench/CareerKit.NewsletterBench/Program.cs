using System.Diagnostics;
using System.Globalization;
using System.Text;
using CareerKit.NewsletterBench;

// The weekly send at scale: seeds confirmed subscribers into Azurite, starts a SendGrid stand-in on loopback,
// invokes the WeeklyTips timer on a running app and waits until SendGrid has accepted every recipient.
// Prints the end-to-end time, mail/send calls and duplicates. scripts/benchmark-newsletter.sh runs it.
var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    values[args[i].TrimStart('-')] = args[i + 1];
}

var storage = values["storage"];
var signingKey = values["signing-key"];
var app = new Uri(values.GetValueOrDefault("app", "http://127.0.0.1:7191"));
var sendGridPort = int.Parse(values.GetValueOrDefault("sendgrid-port", "7192"), CultureInfo.InvariantCulture);
var subscribers = int.Parse(values.GetValueOrDefault("subscribers", "100000"), CultureInfo.InvariantCulture);
if (!app.IsLoopback)
{
    throw new ArgumentException("--app must be a loopback address: this tool never loads another machine.");
}

var seedOnly = values.GetValueOrDefault("seed-only", "false") == "true";
if (seedOnly || values.GetValueOrDefault("seed", "true") == "true")
{
    var seeding = Stopwatch.StartNew();
    await Seeder.SeedConfirmedAsync(storage, signingKey, subscribers, progress => Console.Write($"\rseeded {progress:N0} of {subscribers:N0}"));
    Console.WriteLine($"\rseeded {subscribers:N0} confirmed subscribers in {seeding.Elapsed.TotalSeconds:0.0} s");
}

if (seedOnly)
{
    return 0;
}

await using var sendGrid = await SendGridStandIn.StartAsync(sendGridPort);

using var client = new HttpClient { BaseAddress = app, Timeout = TimeSpan.FromMinutes(5) };
var started = Stopwatch.GetTimestamp();
var timer = await client.PostAsync("/WeeklyTips", new StringContent("""{"Data":{"timer":{"IsPastDue":false}},"Metadata":{}}""", Encoding.UTF8, "application/json"));
timer.EnsureSuccessStatusCode();
var fannedOut = Stopwatch.GetElapsedTime(started);
Console.WriteLine($"WeeklyTips answered after {fannedOut.TotalSeconds:0.0} s: {await timer.Content.ReadAsStringAsync()}");

var deadline = TimeSpan.FromMinutes(10);
var lastReport = Stopwatch.GetTimestamp();
while (sendGrid.Recipients < subscribers && Stopwatch.GetElapsedTime(started) < deadline)
{
    await Task.Delay(50);
    if (Stopwatch.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(1))
    {
        Console.Write($"\raccepted {sendGrid.Recipients:N0} of {subscribers:N0} recipients in {sendGrid.Calls} mail/send calls");
        lastReport = Stopwatch.GetTimestamp();
    }
}

await Task.Delay(TimeSpan.FromSeconds(5)); // Any duplicate batch would arrive now.
Console.WriteLine();
Console.WriteLine($"end to end (timer invoked → last batch accepted): {Stopwatch.GetElapsedTime(started, sendGrid.LastAcceptedAt).TotalSeconds:0.0} s");
Console.WriteLine($"mail/send calls: {sendGrid.Calls}; recipients accepted: {sendGrid.Recipients:N0}; distinct: {sendGrid.DistinctRecipients:N0}; duplicates: {sendGrid.Recipients - sendGrid.DistinctRecipients}");
return sendGrid.DistinctRecipients == subscribers && sendGrid.Recipients == subscribers ? 0 : 1;
