using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using CareerKit.Tests.Infrastructure.Rpc;

namespace CareerKit.Tests.Infrastructure;

/// <summary>
/// A stand-in for the Functions host, only as far as the worker sees it: the gRPC event stream (init, worker-indexed
/// metadata, load, invocations) and, for HTTP functions, the request proxied to the worker's own Kestrel with the
/// invocation id header. What the real host adds (trigger listeners, retries, the poison move, scale) is not here.
/// </summary>
public sealed class FakeFunctionsHost : FunctionRpc.FunctionRpcBase, IAsyncDisposable
{
    private readonly Channel<StreamingMessage> _toWorker = Channel.CreateUnbounded<StreamingMessage>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResponse>> _invocations = new();
    private readonly TaskCompletionSource<IReadOnlyDictionary<string, RpcFunctionMetadata>> _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<WorkerInitResponse> _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, RpcFunctionMetadata> _functions = new();
    private readonly string _appDirectory;
    private WebApplication? _server;
    private int _pendingLoads;

    private FakeFunctionsHost(string appDirectory) => _appDirectory = appDirectory;

    public Uri Address { get; private set; } = null!;

    /// <summary>The worker's own HTTP address, which it reports in its init response (capability "HttpUri").</summary>
    public Uri WorkerHttpUri { get; private set; } = null!;

    public ConcurrentQueue<string> Logs { get; } = new();

    public static async Task<FakeFunctionsHost> StartAsync(string appDirectory)
    {
        var host = new FakeFunctionsHost(appDirectory);
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(host);
        var server = builder.Build();
        server.MapGrpcService<FakeFunctionsHost>();
        await server.StartAsync();
        host._server = server;
        host.Address = new Uri($"http://127.0.0.1:{port}/");
        return host;
    }

    /// <summary>Completes when the worker has loaded every function it declared.</summary>
    public async Task<IReadOnlyDictionary<string, RpcFunctionMetadata>> WorkerReadyAsync()
    {
        WorkerHttpUri = new Uri((await _initialized.Task.WaitAsync(TimeSpan.FromSeconds(60))).Capabilities["HttpUri"]);
        return await _loaded.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public Task<InvocationResponse> InvokeAsync(string function, IEnumerable<ParameterBinding> inputs, IDictionary<string, TypedData>? triggerMetadata = null, string? invocationId = null)
    {
        invocationId ??= Guid.NewGuid().ToString();
        var request = new InvocationRequest { InvocationId = invocationId, FunctionId = _functions[function].FunctionId, TraceContext = new RpcTraceContext() };
        request.InputData.AddRange(inputs);
        if (triggerMetadata is not null)
        {
            request.TriggerMetadata.Add(triggerMetadata);
        }

        var response = _invocations.GetOrAdd(invocationId, _ => new TaskCompletionSource<InvocationResponse>(TaskCreationOptions.RunContinuationsAsynchronously));
        _toWorker.Writer.TryWrite(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = request });
        return response.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>An HTTP invocation as the host makes it: the request proxied to the worker and the invocation sent over gRPC, together.</summary>
    public async Task<(HttpResponseMessage Http, InvocationResponse Invocation)> InvokeHttpAsync(string function, HttpRequestMessage request, IDictionary<string, string> routeValues)
    {
        var invocationId = Guid.NewGuid().ToString();
        request.RequestUri = new Uri(WorkerHttpUri, request.RequestUri!.ToString().TrimStart('/'));
        request.Headers.Add("x-ms-invocation-id", invocationId);
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }); // The host hands a redirect back to the caller.
        var http = client.SendAsync(request);
        var trigger = new TypedData { Http = new RpcHttp { Method = request.Method.Method, Url = request.RequestUri.AbsoluteUri } };
        var metadata = routeValues.ToDictionary(pair => pair.Key, pair => new TypedData { String = pair.Value });
        var invocation = InvokeAsync(function, [new ParameterBinding { Name = "req", Data = trigger }], metadata, invocationId);
        return (await http, await invocation);
    }

    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        var writing = Task.Run(async () =>
        {
            await foreach (var message in _toWorker.Reader.ReadAllAsync(context.CancellationToken))
            {
                await responseStream.WriteAsync(message);
            }
        });

        await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
        {
            switch (message.ContentCase)
            {
                case StreamingMessage.ContentOneofCase.StartStream:
                    Send(new StreamingMessage { WorkerInitRequest = new WorkerInitRequest { HostVersion = "4.1044.0", FunctionAppDirectory = _appDirectory, WorkerDirectory = _appDirectory } });
                    break;
                case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                    _initialized.TrySetResult(message.WorkerInitResponse);
                    Send(new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = _appDirectory } });
                    break;
                case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                    Load(message.FunctionMetadataResponse);
                    break;
                case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                    if (message.FunctionLoadResponse.Result.Status != StatusResult.Types.Status.Success)
                    {
                        _loaded.TrySetException(new InvalidOperationException($"Load failed: {message.FunctionLoadResponse.Result.Exception?.Message}"));
                    }
                    else if (Interlocked.Decrement(ref _pendingLoads) == 0)
                    {
                        _loaded.TrySetResult(_functions);
                    }

                    break;
                case StreamingMessage.ContentOneofCase.InvocationResponse:
                    _invocations.GetOrAdd(message.InvocationResponse.InvocationId, _ => new TaskCompletionSource<InvocationResponse>(TaskCreationOptions.RunContinuationsAsynchronously))
                        .TrySetResult(message.InvocationResponse);
                    break;
                case StreamingMessage.ContentOneofCase.RpcLog:
                    Logs.Enqueue($"{message.RpcLog.Category}: {message.RpcLog.Message}");
                    break;
            }
        }

        _toWorker.Writer.TryComplete();
        await writing;
    }

    /// <summary>As the host does with worker indexing: take the worker's metadata, turn its raw bindings into BindingInfo, and load each function.</summary>
    private void Load(FunctionMetadataResponse response)
    {
        if (response.Result.Status != StatusResult.Types.Status.Success)
        {
            _loaded.TrySetException(new InvalidOperationException($"Metadata failed: {response.Result.Exception?.Message}"));
            return;
        }

        _pendingLoads = response.FunctionMetadataResults.Count;
        foreach (var metadata in response.FunctionMetadataResults)
        {
            if (string.IsNullOrEmpty(metadata.FunctionId))
            {
                metadata.FunctionId = Guid.NewGuid().ToString();
            }

            metadata.Directory = _appDirectory;
            foreach (var raw in metadata.RawBindings)
            {
                var binding = JsonNode.Parse(raw)!.AsObject();
                var info = new BindingInfo
                {
                    Type = (string)binding["type"]!,
                    Direction = ((string)binding["direction"]!).Equals("In", StringComparison.OrdinalIgnoreCase) ? BindingInfo.Types.Direction.In : BindingInfo.Types.Direction.Out,
                };
                foreach (var (key, value) in binding["properties"]?.AsObject() ?? [])
                {
                    info.Properties[key] = value?.ToString() ?? "";
                }

                metadata.Bindings[(string)binding["name"]!] = info;
            }

            _functions[metadata.Name] = metadata;
            Send(new StreamingMessage { FunctionLoadRequest = new FunctionLoadRequest { FunctionId = metadata.FunctionId, Metadata = metadata } });
        }
    }

    private void Send(StreamingMessage message)
    {
        message.RequestId = Guid.NewGuid().ToString();
        _toWorker.Writer.TryWrite(message);
    }

    public async ValueTask DisposeAsync()
    {
        _toWorker.Writer.TryComplete();
        if (_server is not null)
        {
            await _server.StopAsync();
            await _server.DisposeAsync();
        }
    }
}
