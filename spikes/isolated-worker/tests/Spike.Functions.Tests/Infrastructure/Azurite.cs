using System.Diagnostics;
using System.Net.Sockets;

namespace Spike.Tests.Infrastructure;

/// <summary>
/// Azurite's queue service on a free port for this test run, killed by pid when the run ends. The spike borrows the
/// product's npm install (azurite 3.37.0 under /work/main/node_modules); the product's tests start their own the same way.
/// </summary>
public sealed class Azurite : IAsyncLifetime
{
    private const string Executable = "/work/main/node_modules/.bin/azurite-queue";
    private Process? _process;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        // In memory, so no --location (Azurite refuses the two together).
        _process = Process.Start(new ProcessStartInfo(Executable, ["--queueHost", "127.0.0.1", "--queuePort", port.ToString(), "--inMemoryPersistence", "--skipApiVersionCheck", "--silent"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited: {await _process.StandardOutput.ReadToEndAsync()}{await _process.StandardError.ReadToEndAsync()}");
                }

                await Task.Delay(200);
            }
        }

        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<Azurite>
{
    public const string Name = "storage";
}
