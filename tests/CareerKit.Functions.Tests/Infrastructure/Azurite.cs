using System.Diagnostics;

namespace CareerKit.Tests.Infrastructure;

/// <summary>
/// One real Azurite for the whole test run, on free ports, in memory, killed by pid when the run ends
/// (Azurite is slow to stop by itself after traffic). Tests share it but never each other's data:
/// every test uses its own addresses. A test that must restart storage starts a private one
/// (<see cref="StartPrivateAsync"/>).
/// </summary>
public sealed class Azurite : IDisposable
{
    private static readonly Lazy<Task<Azurite>> Shared = new(() => StartAsync(FreePort.Next(), FreePort.Next(), FreePort.Next()));
    private readonly Process _process;

    private Azurite(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        (BlobPort, QueuePort, TablePort) = (blobPort, queuePort, tablePort);
        ConnectionString = ConnectionStringFor(blobPort, queuePort, tablePort);
    }

    public string ConnectionString { get; }
    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public static Task<Azurite> InstanceAsync() => Shared.Value;

    /// <summary>An Azurite of the test's own, which it may restart; dispose it to kill it.</summary>
    public static Task<Azurite> StartPrivateAsync() => StartAsync(FreePort.Next(), FreePort.Next(), FreePort.Next());

    /// <summary>Kills this (private) Azurite and starts a new one, empty, on the same ports: storage that restarted and lost its data.</summary>
    public async Task<Azurite> RestartEmptyAsync()
    {
        Dispose();
        return await StartAsync(BlobPort, QueuePort, TablePort);
    }

    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    public void Dispose()
    {
        Kill(_process);
        _process.WaitForExit(10_000);
        _process.Dispose();
    }

    private static async Task<Azurite> StartAsync(int blob, int queue, int table)
    {
        var executable = Path.Combine(RepositoryRootAttribute.Value, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            // Never a skip: without storage these tests prove nothing, so the run fails.
            throw new InvalidOperationException($"Azurite is not installed at {executable}. Run 'npm ci' in the repository root.");
        }

        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry",
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill(process);

        // Generous: on two cores busy with other builds, Node takes over 30 s to start Azurite (seen at load 50).
        await FreePort.WaitUntilListeningAsync(table, TimeSpan.FromSeconds(120));
        await FreePort.WaitUntilListeningAsync(queue, TimeSpan.FromSeconds(10));
        await FreePort.WaitUntilListeningAsync(blob, TimeSpan.FromSeconds(10));
        return new Azurite(process, blob, queue, table);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
