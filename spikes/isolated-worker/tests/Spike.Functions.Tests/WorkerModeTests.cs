using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spike.Hosting;
using Spike.Hosting.Worker;
using Spike.Tests.Infrastructure;
using Spike.Tests.Infrastructure.Rpc;

namespace Spike.Tests;

/// <summary>
/// The real isolated worker (the same WorkerHost.CreateBuilder that Program.cs uses), connected to the test's stand-in
/// host over the host's gRPC protocol: functions indexed and loaded by the worker, triggers bound by the worker's own
/// converters, HTTP proxied to the worker's Kestrel, every call through the worker middleware chain.
/// </summary>
public sealed class WorkerModeFixture : IAsyncLifetime
{
    public FakeFunctionsHost Host { get; private set; } = null!;
    public IHost Worker { get; private set; } = null!;
    public IReadOnlyDictionary<string, RpcFunctionMetadata> Loaded { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The test's bin folder: it holds the app's dll (the worker loads the function's assembly from this folder by
        // path, and a second path for an already loaded assembly would fail) and host.json (routePrefix "").
        var appDirectory = AppContext.BaseDirectory;
        Environment.SetEnvironmentVariable("FUNCTIONS_APPLICATION_DIRECTORY", appDirectory);
        Host = await FakeFunctionsHost.StartAsync(appDirectory);

        var builder = WorkerHost.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [HostMode.HostEndpointKey] = Host.Address.AbsoluteUri,
            ["Functions:Worker:WorkerId"] = Guid.NewGuid().ToString(),
            ["Functions:Worker:RequestId"] = Guid.NewGuid().ToString(),
            ["Functions:Worker:GrpcMaxMessageLength"] = int.MaxValue.ToString(),
            ["EDITOR_KEY"] = StandaloneApp.EditorKey,
            ["MY_SCHEDULE"] = "0 0 9 * * 1",
            ["QUEUE_NAME"] = "unused-in-worker-mode",
        });
        Worker = builder.Build();
        await Worker.StartAsync();
        Loaded = await Host.WorkerReadyAsync();
    }

    public async Task DisposeAsync()
    {
        await Worker.StopAsync();
        Worker.Dispose();
        await Host.DisposeAsync();
    }
}

public sealed class WorkerModeTests(WorkerModeFixture worker) : IClassFixture<WorkerModeFixture>
{
    [Fact]
    public void The_worker_indexes_and_loads_every_function_and_resolves_every_function_class()
    {
        Assert.Equal(AppOutput.FunctionsMetadata().Select(f => (string)f!["name"]!).Order(), worker.Loaded.Keys.Order());
        using var scope = worker.Worker.Services.CreateScope();
        foreach (var type in FunctionCatalog.ForApp.All.Select(f => f.Method.DeclaringType!).Distinct())
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
        }
    }

    [Fact]
    public async Task An_editor_function_without_a_key_is_refused_by_the_worker_middleware()
    {
        var (http, invocation) = await worker.Host.InvokeHttpAsync("GetThing", new HttpRequestMessage(HttpMethod.Get, "api/things/7"), new Dictionary<string, string> { ["id"] = "7" });

        Assert.Equal(StatusResult.Types.Status.Success, invocation.Result.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, http.StatusCode);
        Assert.Equal("application/problem+json", http.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", http.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.DoesNotContain(worker.Worker.Services.GetRequiredService<InvocationJournal>().Entries, e => e.Function == "GetThing" && e.Detail == "7");
    }

    [Fact]
    public async Task An_editor_function_with_a_key_runs_with_its_route_value()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/things/8")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", StandaloneApp.EditorKey) },
            Content = new StringContent("hello"),
        };
        var (http, invocation) = await worker.Host.InvokeHttpAsync("GetThing", request, new Dictionary<string, string> { ["id"] = "8" });

        Assert.Equal(StatusResult.Types.Status.Success, invocation.Result.Status);
        Assert.Equal(HttpStatusCode.OK, http.StatusCode);
        Assert.Contains("\"id\":\"8\"", await http.Content.ReadAsStringAsync());
        Assert.Contains("\"bodyLength\":5", await http.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_over_the_declared_limit_is_answered_413_in_worker_mode_too()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/things/9")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", StandaloneApp.EditorKey) },
            Content = new ByteArrayContent(new byte[16385]),
        };
        var (http, _) = await worker.Host.InvokeHttpAsync("GetThing", request, new Dictionary<string, string> { ["id"] = "9" });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, http.StatusCode);
    }

    [Fact]
    public async Task A_failing_http_function_answers_500_without_its_details()
    {
        var (http, _) = await worker.Host.InvokeHttpAsync("Fails", new HttpRequestMessage(HttpMethod.Get, "api/fails"), new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.InternalServerError, http.StatusCode);
        Assert.DoesNotContain("must not see", await http.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_past_due_timer_reaches_the_function_with_IsPastDue()
    {
        var timer = new TypedData { Json = """{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-11-30T09:00:00Z","Next":"2026-12-07T09:00:00Z","LastUpdated":"2026-11-30T09:00:00Z"},"IsPastDue":true}""" };
        var invocation = await worker.Host.InvokeAsync("WeeklyTips", [new ParameterBinding { Name = "timer", Data = timer }]);

        Assert.Equal(StatusResult.Types.Status.Success, invocation.Result.Status);
        Assert.Contains(worker.Worker.Services.GetRequiredService<InvocationJournal>().Entries, e => e == ("WeeklyTips", "past-due"));
    }

    [Fact]
    public async Task A_queue_message_past_max_dequeue_count_reaches_the_function_with_its_DequeueCount_and_its_failure_goes_back_to_the_host()
    {
        var message = JsonSerializer.SerializeToUtf8Bytes(new
        {
            MessageId = Guid.NewGuid().ToString(),
            PopReceipt = "receipt",
            MessageText = "fail-worker",
            DequeueCount = 6,
            InsertedOn = DateTimeOffset.UtcNow.AddMinutes(-5),
            ExpiresOn = DateTimeOffset.UtcNow.AddDays(7),
            NextVisibleOn = DateTimeOffset.UtcNow.AddMinutes(10),
        });
        var data = new TypedData { ModelBindingData = new ModelBindingData { Version = "1.0", Source = "AzureStorageQueues", ContentType = "application/json", Content = ByteString.CopyFrom(message) } };
        var invocation = await worker.Host.InvokeAsync("SendBatch", [new ParameterBinding { Name = "message", Data = data }],
            new Dictionary<string, TypedData> { ["DequeueCount"] = new() { Json = "6" } });

        Assert.Equal(StatusResult.Types.Status.Failure, invocation.Result.Status); // The host, not the worker, retries and moves it to the poison queue.
        Assert.Contains(worker.Worker.Services.GetRequiredService<InvocationJournal>().Entries, e => e == ("SendBatch", "fail-worker#6"));
    }
}
