using System.Diagnostics;

namespace CareerKit.Tests.Infrastructure;

/// <summary>
/// The built executable in a process of its own, started as the Functions host starts it (told only the port
/// to listen on): for what only a real process shows, such as its start-up or dying in the middle of work.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, int port)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
    }

    public HttpClient Client { get; }

    /// <summary>What the process wrote to standard output, line by line.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Output { get; } = new();

    /// <summary>Waits until a line of the process's output contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the process did not write \"{text}\" within {timeout.TotalSeconds} s");
            await Task.Delay(100);
        }
    }

    /// <param name="settings">Environment variables on top of the defaults (Azurite, signing key, outbox).</param>
    /// <param name="folder">Where the executable is: the build output unless given (an unpacked deployment package).</param>
    public static async Task<AppProcess> StartAsync(IDictionary<string, string?>? settings = null, string? folder = null)
    {
        var azurite = await Azurite.InstanceAsync();
        var port = FreePort.Next();
        var output = folder ?? Path.GetDirectoryName(typeof(CareerKit.Hosting.CareerKitHostExtensions).Assembly.Location)!;
        var start = new ProcessStartInfo(Path.Combine(output, "CareerKit.Functions"))
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"http://localhost:{port}",
                // Timers and queue polling off unless a test asks: a process on the real clock must not run the weekly send.
                ["CareerKit__LocalScheduler"] = "false",
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["CareerKit__PublicBaseUrl"] = "https://careerkit.example",
                ["CareerKit__SigningKey"] = CareerKitApp.SigningKey,
                ["CareerKit__OutboxPath"] = Directory.CreateTempSubdirectory().FullName,
                ["CareerKit__TelemetryConsole"] = "false",
            },
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        var app = new AppProcess(process, port);
        process.OutputDataReceived += (_, line) => app.Output.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(30));
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    /// <summary>Ends the process at once, as a crash or a recycled instance would: no clean-up runs.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Waits for the process to end (killed by a test's fault, for instance).</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var waiting = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(waiting.Token);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        Client.Dispose();
        _process.Dispose();
    }
}
