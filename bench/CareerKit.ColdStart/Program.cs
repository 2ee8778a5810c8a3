using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

// Cold start of the packaged app, started standalone: the time from starting the executable (told only
// ASPNETCORE_URLS, standalone) to its first 200 for GET /, and to its first tailored resume PDF. Runs N times and
// prints each run, then the median and the maximum. scripts/cold-start.sh builds the package, starts Azurite and sets
// the app's settings in the environment, which the app inherits.
var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    values[args[i].TrimStart('-')] = args[i + 1];
}

var executable = Path.GetFullPath(values["executable"]);
var runs = int.Parse(values.GetValueOrDefault("runs", "10"), CultureInfo.InvariantCulture);
var resume = File.ReadAllText(values["resume"]);

var pages = new List<double>();
var pdfs = new List<double>();
for (var run = 1; run <= runs; run++)
{
    var port = FreePort();
    var start = new ProcessStartInfo(executable) { WorkingDirectory = Path.GetDirectoryName(executable)!, RedirectStandardOutput = true, RedirectStandardError = true };
    start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{port}"; // Standalone; the rest of its settings: this tool's environment.

    using var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromMilliseconds(200) }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
    var started = Stopwatch.GetTimestamp();
    using var app = Process.Start(start)!;
    app.BeginOutputReadLine();
    app.BeginErrorReadLine();
    double? listening = null;
    try
    {
        while (true)
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("The app did not answer GET / within 30 s (the Functions host's start limit).");
            }

            if (listening is null)
            {
                // Knock every 5 ms, as cheaply as can be: the app has the machine's two cores to itself while it starts.
                try
                {
                    using var knock = new Socket(SocketType.Stream, ProtocolType.Tcp);
                    await knock.ConnectAsync(IPAddress.Loopback, port);
                    listening = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
                catch (SocketException)
                {
                    Thread.Sleep(5);
                    continue;
                }
            }

            using var page = await client.GetAsync("/");
            if (page.StatusCode == HttpStatusCode.OK)
            {
                break;
            }
        }

        var firstPage = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        using var pdf = await client.PostAsync("/api/resumes/ml-engineer", new StringContent(resume, Encoding.UTF8, "application/json"));
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        if (pdf.StatusCode != HttpStatusCode.OK || bytes.Length < 1000)
        {
            throw new InvalidOperationException($"The PDF request answered {(int)pdf.StatusCode}.");
        }

        var firstPdf = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        pages.Add(firstPage);
        pdfs.Add(firstPdf);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: listening {listening:0} ms, first GET / {firstPage:0} ms, first PDF {firstPdf:0} ms"));
    }
    finally
    {
        app.Kill(entireProcessTree: true);
        await app.WaitForExitAsync();
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"first GET /: median {Median(pages):0} ms, max {pages.Max():0} ms; first PDF: median {Median(pdfs):0} ms, max {pdfs.Max():0} ms ({runs} runs)"));
return 0;

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
