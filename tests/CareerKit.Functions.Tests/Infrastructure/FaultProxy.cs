using System.Net;
using System.Net.Sockets;

namespace CareerKit.Tests.Infrastructure;

public enum FaultMode
{
    /// <summary>Bytes flow both ways.</summary>
    Up,
    /// <summary>Every open connection is reset and every new one is reset at once, as a storage outage or restart looks.</summary>
    Down,
    /// <summary>Connections are accepted and requests read, but nothing is answered: a storage that hangs.</summary>
    Hang,
}

/// <summary>
/// A TCP proxy on loopback in front of one port, whose faults a test switches: up, down (connection reset) or hang.
/// Connections that hung are reset when the proxy comes back up (their requests are lost, as a real timeout loses them).
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<Connection> _connections = [];
    private TaskCompletionSource _resumed = NewSignal();
    private FaultMode _mode = FaultMode.Up;

    private FaultProxy(int target)
    {
        _target = target;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far: a test can tell that traffic went through the proxy.</summary>
    public int Accepted { get; private set; }

    /// <summary>
    /// Called with the request line ("PUT /subscribers(...) HTTP/1.1") of each HTTP request before it is forwarded, so a
    /// test can switch the mode at an exact request; a request that switches to Down is reset, not forwarded.
    /// </summary>
    public Action<string>? OnRequest { get; set; }

    public static FaultProxy InFrontOf(int targetPort) => new(targetPort);

    public FaultMode Mode
    {
        get { lock (_gate) { return _mode; } }
        set
        {
            List<Connection> cut;
            lock (_gate)
            {
                var was = _mode;
                _mode = value;
                // Down cuts everything open; coming back up after a hang cuts what hung (its requests were lost).
                cut = value == FaultMode.Down || (was == FaultMode.Hang && value == FaultMode.Up) ? [.. _connections] : [];
                if (value == FaultMode.Up)
                {
                    _resumed.TrySetResult();
                    _resumed = NewSignal();
                }
            }

            foreach (var connection in cut)
            {
                connection.Reset();
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            Accepted++;
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var connection = new Connection(client);
        FaultMode mode;
        lock (_gate)
        {
            mode = _mode;
            _connections.Add(connection);
        }

        try
        {
            if (mode == FaultMode.Down)
            {
                connection.Reset();
                return;
            }

            await connection.Upstream.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            await Task.WhenAny(PumpAsync(connection, client, connection.Upstream, toTarget: true), PumpAsync(connection, connection.Upstream, client, toTarget: false));
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // A reset or a closed peer ends the connection; that is the point of the proxy.
        }
        finally
        {
            lock (_gate)
            {
                _connections.Remove(connection);
            }

            connection.Reset();
        }
    }

    private async Task PumpAsync(Connection connection, Socket from, Socket to, bool toTarget)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (read == 0)
            {
                return;
            }

            if (toTarget && OnRequest is { } onRequest && RequestLine(buffer.AsSpan(0, read)) is { } line)
            {
                onRequest(line);
            }

            // While the proxy hangs, nothing moves: the request sits here unanswered until the proxy is up (then reset) or down.
            while (true)
            {
                Task resumed;
                lock (_gate)
                {
                    if (_mode == FaultMode.Up)
                    {
                        break;
                    }

                    resumed = _resumed.Task;
                }

                await resumed.WaitAsync(_stop.Token);
                if (connection.WasReset)
                {
                    return;
                }
            }

            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
        }
    }

    /// <summary>The request line when a read starts a request (clients here send one request at a time per connection).</summary>
    private static string? RequestLine(ReadOnlySpan<byte> read)
    {
        var end = read.IndexOf("\r\n"u8);
        var method = read.IndexOf((byte)' ');
        return end > 0 && method > 0 && method < end && read[..method].IndexOfAnyExceptInRange((byte)'A', (byte)'Z') < 0
            ? System.Text.Encoding.ASCII.GetString(read[..end])
            : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Mode = FaultMode.Down;
        _stop.Dispose();
    }

    private sealed class Connection(Socket client)
    {
        public Socket Upstream { get; } = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        public bool WasReset { get; private set; }

        /// <summary>Closes both sides with RST (linger 0), as a crashed or restarted server does.</summary>
        public void Reset()
        {
            WasReset = true;
            foreach (var socket in new[] { client, Upstream })
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or IOException)
                {
                    // Already closed.
                }
            }
        }
    }
}

/// <summary>
/// Azurite's three services behind fault proxies: an app given <see cref="ConnectionString"/> reaches the shared
/// Azurite through them, and the test turns storage down, hangs it or brings it back for that app only.
/// </summary>
public sealed class FaultyStorage : IAsyncDisposable
{
    private readonly FaultProxy _blob, _queue, _table;

    private FaultyStorage(FaultProxy blob, FaultProxy queue, FaultProxy table)
    {
        (_blob, _queue, _table) = (blob, queue, table);
        ConnectionString = Azurite.ConnectionStringFor(blob.Port, queue.Port, table.Port);
    }

    public string ConnectionString { get; }

    public FaultMode Mode
    {
        get => _table.Mode;
        set => _blob.Mode = _queue.Mode = _table.Mode = value;
    }

    /// <summary>Sees the request line of each Table request before it is forwarded (see <see cref="FaultProxy.OnRequest"/>).</summary>
    public Action<string>? OnTableRequest
    {
        get => _table.OnRequest;
        set => _table.OnRequest = value;
    }

    public static async Task<FaultyStorage> InFrontOfAsync(Azurite? azurite = null)
    {
        azurite ??= await Azurite.InstanceAsync();
        return new FaultyStorage(FaultProxy.InFrontOf(azurite.BlobPort), FaultProxy.InFrontOf(azurite.QueuePort), FaultProxy.InFrontOf(azurite.TablePort));
    }

    public async ValueTask DisposeAsync()
    {
        await _blob.DisposeAsync();
        await _queue.DisposeAsync();
        await _table.DisposeAsync();
    }
}
