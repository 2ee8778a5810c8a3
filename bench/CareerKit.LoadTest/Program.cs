using CareerKit.LoadTest;

// A bounded load run against a CareerKit app on loopback: requests/s, latency percentiles, errors,
// and for sign-ups, whether every accepted one is in storage. Exit code 1 if anything failed or was lost.
var options = LoadOptions.Parse(args);
Console.WriteLine($"Warming up {options.Warmup.TotalSeconds:0} s, then measuring {options.Duration.TotalSeconds:0} s of '{options.Scenario}' against {options.Url} with {options.Concurrency} workers...");

var (session, editionIds) = options.Scenario.StartsWith("editor-", StringComparison.Ordinal)
    ? await EditorSetup.PrepareAsync(options.Url, options.EditorKey ?? throw new ArgumentException("--editor-key KEY is required for the editor scenarios."), tips: 200, editions: 500)
    : (null, null);
var run = new LoadRun(options, session, editionIds);
var report = await run.RunAsync();
Console.WriteLine(report);
if (run.Statuses.Count > 0)
{
    Console.WriteLine($"{options.Scenario}: answers by status (warm-up included): {string.Join(", ", run.Statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} × {pair.Value}"))}");
}

var lost = 0;
if (options.Scenario == "signup" && options.Storage is not null && options.SigningKey is not null)
{
    lost = await StoredSignups.CountLostAsync(options.Storage, options.SigningKey, run.AcceptedAddresses);
    Console.WriteLine($"signup: {run.AcceptedAddresses.Count} accepted (warm-up included), lost {lost}");
}

return report.Errors == 0 && lost == 0 ? 0 : 1;
