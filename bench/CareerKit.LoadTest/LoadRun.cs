using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace CareerKit.LoadTest;

/// <summary>
/// Closed-loop load: a fixed number of workers each send the next request as soon as the last one answers,
/// for a warm-up (not counted) and then the measured duration. It stops by itself.
/// </summary>
internal sealed class LoadRun(LoadOptions options, CookieContainer? session = null, IReadOnlyList<string>? editionIds = null)
{
    private readonly ConcurrentQueue<string> _accepted = new();
    private long _sequence;
    private readonly Lazy<string> _resume = new(() => options.Scenario == "resume-worst"
        ? WorstCaseResume.Json
        : File.ReadAllText(options.ResumeFile ?? throw new ArgumentException("--resume FILE is required for the resume scenario.")));
    private readonly ConcurrentDictionary<int, int> _statuses = new();

    /// <summary>How many answers had each status, warm-up included (0: no answer).</summary>
    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    public IReadOnlyCollection<string> AcceptedAddresses => _accepted;

    public async Task<LoadReport> RunAsync()
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            CookieContainer = session ?? new CookieContainer(),
            UseCookies = session is not null,
            AllowAutoRedirect = false, // A lost session shows as an error, not as the sign-in page.
        })
        { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) };

        var run = $"{DateTime.UtcNow:HHmmss}{Random.Shared.Next(1000):D3}";
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);

        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(() => WorkAsync(client, run, measureFrom, stopAt))).ToArray();
        var results = await Task.WhenAll(workers);

        var latencies = results.SelectMany(result => result.Latencies).Order().ToArray();
        var errors = results.Sum(result => result.Errors);
        return new LoadReport(options.Scenario, options.Concurrency, options.Duration, latencies, errors);
    }

    private async Task<WorkerResult> WorkAsync(HttpClient client, string run, long measureFrom, long stopAt)
    {
        var latencies = new List<double>(capacity: 64 * 1024);
        var errors = 0;
        while (true)
        {
            var begin = Stopwatch.GetTimestamp();
            if (begin >= stopAt)
            {
                return new WorkerResult(latencies, errors);
            }

            var (ok, email) = await SendAsync(client, run);
            var end = Stopwatch.GetTimestamp();
            if (email is not null)
            {
                _accepted.Enqueue(email); // Warm-up sign-ups must be stored too.
            }

            if (begin < measureFrom)
            {
                continue; // Warm-up: JIT, connection pool, Azurite's first table.
            }

            latencies.Add(Stopwatch.GetElapsedTime(begin, end).TotalMilliseconds);
            if (!ok)
            {
                errors++;
            }
        }
    }

    private async Task<(bool Ok, string? Email)> SendAsync(HttpClient client, string run)
    {
        try
        {
            if (options.Scenario is "resume" or "resume-worst")
            {
                using var pdf = await client.PostAsync("/api/resumes/ml-engineer", new StringContent(_resume.Value, Encoding.UTF8, "application/json"));
                var bytes = await pdf.Content.ReadAsByteArrayAsync();
                _statuses.AddOrUpdate((int)pdf.StatusCode, 1, (_, count) => count + 1);
                // Under a burst of worst-case resumes, "busy, come back later" (503 with Retry-After) is the designed answer.
                var busy = options.Scenario == "resume-worst" && pdf.StatusCode == HttpStatusCode.ServiceUnavailable && pdf.Headers.RetryAfter is not null;
                return ((pdf.StatusCode == HttpStatusCode.OK && bytes.Length > 1000) || busy, null);
            }

            if (options.Scenario is "editor-list" or "editor-preview")
            {
                var path = options.Scenario == "editor-list" ? "/editor" : $"/editor/editions/{editionIds![Random.Shared.Next(editionIds.Count)]}";
                using var editor = await client.GetAsync(path);
                var html = await editor.Content.ReadAsStringAsync();
                return (editor.StatusCode == HttpStatusCode.OK && html.Contains("</html>", StringComparison.Ordinal), null);
            }

            if (options.Scenario == "page")
            {
                using var page = await client.GetAsync("/");
                await page.Content.ReadAsByteArrayAsync();
                return (page.StatusCode == HttpStatusCode.OK, null);
            }

            var n = Interlocked.Increment(ref _sequence);
            var email = $"load-{run}-{n}@example.com";
            var track = (n % 3) switch { 0 => "ml", 1 => "ai", _ => "both" };
            var body = $$"""{"email":"{{email}}","track":"{{track}}","consent":true}""";
            using var response = await client.PostAsync("/api/subscriptions", new StringContent(body, Encoding.UTF8, "application/json"));
            await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode == HttpStatusCode.Accepted ? (true, email) : (false, null);
        }
        catch (HttpRequestException)
        {
            _statuses.AddOrUpdate(0, 1, (_, count) => count + 1);
            return (false, null);
        }
        catch (TaskCanceledException)
        {
            return (false, null);
        }
    }

    private sealed record WorkerResult(List<double> Latencies, int Errors);
}

internal sealed record LoadReport(string Scenario, int Concurrency, TimeSpan Duration, double[] SortedLatencies, int Errors)
{
    public double RequestsPerSecond => SortedLatencies.Length / Duration.TotalSeconds;

    public double Percentile(double p) =>
        SortedLatencies.Length == 0 ? 0 : SortedLatencies[Math.Min(SortedLatencies.Length - 1, (int)Math.Ceiling(p / 100 * SortedLatencies.Length) - 1)];

    public override string ToString() =>
        $"{Scenario}: {SortedLatencies.Length} requests in {Duration.TotalSeconds:0} s with {Concurrency} workers = {RequestsPerSecond:0} requests/s; " +
        $"latency ms p50 {Percentile(50):0.0}, p90 {Percentile(90):0.0}, p99 {Percentile(99):0.0}, max {(SortedLatencies.Length == 0 ? 0 : SortedLatencies[^1]):0.0}; errors {Errors}";
}
