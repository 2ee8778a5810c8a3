using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

// Worker mode's cold start: the time from starting an isolated-worker executable as the Functions host starts it
// (with --functions-uri and a worker id) to the moment it dials the host's gRPC address, i.e. ready to connect. The
// "host" here is a TCP listener that only notes the connection. Runs each executable N times, interleaved, so both
// see the same machine; prints each run, then the median and the maximum per executable.
var values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    var key = args[i].TrimStart('-');
    values.TryAdd(key, []);
    values[key].Add(args[i + 1]);
}

var executables = values["executable"].Select(Path.GetFullPath).ToList();
var runs = int.Parse(values.GetValueOrDefault("runs", ["10"])[0], CultureInfo.InvariantCulture);
var times = executables.ToDictionary(executable => executable, _ => new List<double>());

for (var run = 1; run <= runs; run++)
{
    foreach (var executable in executables)
    {
        var elapsed = await TimeToConnectAsync(executable);
        times[executable].Add(elapsed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: {Label(executable)} dialed the host after {elapsed:0} ms"));
    }
}

foreach (var (executable, measured) in times)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Label(executable)}: median {Median(measured):0} ms, max {measured.Max():0} ms ({runs} runs)"));
}

return 0;

static async Task<double> TimeToConnectAsync(string executable)
{
    using var host = new TcpListener(IPAddress.Loopback, 0);
    host.Start();
    var port = ((IPEndPoint)host.LocalEndpoint).Port;
    var start = new ProcessStartInfo(executable, ["--functions-uri", $"http://127.0.0.1:{port}/", "--functions-worker-id", Guid.NewGuid().ToString(), "--functions-request-id", Guid.NewGuid().ToString(), "--functions-grpc-max-message-length", "2147483647"])
    {
        WorkingDirectory = Path.GetDirectoryName(executable)!,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = Path.GetDirectoryName(executable)!;

    var started = Stopwatch.GetTimestamp();
    using var app = Process.Start(start)!;
    app.BeginOutputReadLine();
    app.BeginErrorReadLine();
    try
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var dialed = await host.AcceptTcpClientAsync(timeout.Token);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
    finally
    {
        app.Kill(entireProcessTree: true);
        await app.WaitForExitAsync();
    }
}

static string Label(string executable) => Path.GetFileName(executable);

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
