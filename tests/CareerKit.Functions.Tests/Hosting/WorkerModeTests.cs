using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CareerKit.Editor;
using CareerKit.Hosting;
using CareerKit.Hosting.Worker;
using CareerKit.Newsletter;
using CareerKit.Tests.Infrastructure;
using CareerKit.Tests.Infrastructure.Rpc;
using Google.Protobuf;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareerKit.Tests.Hosting;

/// <summary>
/// The real isolated worker (the WorkerHost.CreateBuilder that Program.cs uses under the Functions host), connected to
/// the test's stand-in host over the host's gRPC protocol: functions indexed and loaded by the worker, triggers bound by
/// the worker's own converters, HTTP proxied to the worker's Kestrel, every call through the worker middleware chain.
/// </summary>
public sealed class WorkerModeFixture : IAsyncLifetime
{
    public FakeFunctionsHost Host { get; private set; } = null!;

    public IHost Worker { get; private set; } = null!;

    public IReadOnlyDictionary<string, RpcFunctionMetadata> Loaded { get; private set; } = null!;

    public FakeSendGrid SendGrid { get; private set; } = null!;

    public string QueueName { get; } = $"worker-{Guid.NewGuid():N}"[..24];

    public async Task InitializeAsync()
    {
        // The test's bin folder holds the app's dll (the worker loads it from there by path: a second path for an
        // already loaded assembly would fail) and host.json (routePrefix "").
        var appDirectory = AppContext.BaseDirectory;
        Environment.SetEnvironmentVariable("FUNCTIONS_APPLICATION_DIRECTORY", appDirectory);
        Host = await FakeFunctionsHost.StartAsync(appDirectory);
        SendGrid = await FakeSendGrid.StartAsync();
        var azurite = await Azurite.InstanceAsync();

        var builder = WorkerHost.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // What the host passes as --functions-uri and friends (the worker reads them from the process's own arguments).
            ["Functions:Worker:HostEndpoint"] = Host.Address.AbsoluteUri,
            ["Functions:Worker:WorkerId"] = Guid.NewGuid().ToString(),
            ["Functions:Worker:RequestId"] = Guid.NewGuid().ToString(),
            ["Functions:Worker:GrpcMaxMessageLength"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["CareerKit:PublicBaseUrl"] = "https://careerkit.example/",
            ["CareerKit:SigningKey"] = CareerKitApp.SigningKey,
            ["CareerKit:TelemetryConsole"] = "false",
            ["CareerKit:SendQueueName"] = QueueName,
            [SendQueue.TriggerQueueSetting] = QueueName, // Under the host it must name the app's own queue.
            ["SendGrid:ApiKey"] = FakeSendGrid.ApiKey,
            ["SendGrid:Host"] = SendGrid.Host,
            ["SendGrid:FromEmail"] = "newsletter@careerkit.test",
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
        await SendGrid.DisposeAsync();
    }
}

public sealed class WorkerModeTests(WorkerModeFixture worker) : IClassFixture<WorkerModeFixture>
{
    [Fact]
    public void The_worker_indexes_and_loads_every_declared_function_and_resolves_every_function_class()
    {
        Assert.Equal(FunctionCatalog.ForApp.All.Select(function => function.Name).Order(), worker.Loaded.Keys.Order());
        using var scope = worker.Worker.Services.CreateScope();
        foreach (var type in FunctionCatalog.ForApp.All.Select(function => function.Method.DeclaringType!).Distinct())
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
        }
    }

    [Fact]
    public async Task The_editor_api_without_a_key_is_refused_by_the_rules_in_the_worker_middleware()
    {
        var (http, invocation) = await worker.Host.InvokeHttpAsync("EditorApiEditions", new HttpRequestMessage(HttpMethod.Get, "api/editor/editions"), new Dictionary<string, string>());

        Assert.Equal(StatusResult.Types.Status.Success, invocation.Result.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, http.StatusCode);
        Assert.Equal("application/problem+json", http.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", http.Headers.GetValues("X-Content-Type-Options").Single()); // Security headers: a rule for every function.
        Assert.Equal("max-age=31536000", http.Headers.GetValues("Strict-Transport-Security").Single()); // The public https address: the scheme rule ran first.
    }

    [Fact]
    public async Task An_editor_page_without_a_session_redirects_to_sign_in()
    {
        var (http, _) = await worker.Host.InvokeHttpAsync("EditorHome", new HttpRequestMessage(HttpMethod.Get, "editor"), new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, http.StatusCode);
        Assert.StartsWith("/editor/signin", http.Headers.Location?.OriginalString.Replace("https://careerkit.example", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_editor_api_with_a_valid_key_runs_the_function()
    {
        var key = await worker.Worker.Services.GetRequiredService<EditorKeys>().AddAsync($"worker{Guid.NewGuid():N}"[..12], CancellationToken.None);
        var request = new HttpRequestMessage(HttpMethod.Get, "api/editor/editions") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) } };

        var (http, invocation) = await worker.Host.InvokeHttpAsync("EditorApiEditions", request, new Dictionary<string, string>());

        Assert.Equal(StatusResult.Types.Status.Success, invocation.Result.Status);
        Assert.Equal(HttpStatusCode.OK, http.StatusCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await http.Content.ReadAsStringAsync()).RootElement.ValueKind); // The editions, as standalone answers.
    }

    [Fact]
    public async Task A_body_over_the_limit_is_answered_413_and_malformed_json_400_in_worker_mode_too()
    {
        var tooLarge = new HttpRequestMessage(HttpMethod.Post, "api/subscriptions") { Content = new ByteArrayContent(new byte[RequestLimits.DefaultMaxBodyBytes + 1]) };
        tooLarge.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var malformed = new HttpRequestMessage(HttpMethod.Post, "api/subscriptions") { Content = new StringContent("{\"email\":", System.Text.Encoding.UTF8, "application/json") };

        var (large, _) = await worker.Host.InvokeHttpAsync("Subscribe", tooLarge, new Dictionary<string, string>());
        var (broken, _) = await worker.Host.InvokeHttpAsync("Subscribe", malformed, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal("application/problem+json", large.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
    }

    [Fact]
    public async Task A_past_due_timer_reaches_the_function()
    {
        var timer = new TypedData { Json = """{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-11-30T09:00:00Z","Next":"2026-12-07T09:00:00Z","LastUpdated":"2026-11-30T09:00:00Z"},"IsPastDue":true}""" };

        var invocation = await worker.Host.InvokeAsync(NewsletterTimers.DispatchScheduledFunction, [new ParameterBinding { Name = "timer", Data = timer }]);

        Assert.Equal(StatusResult.Types.Status.Success, invocation.Result.Status);
    }

    [Fact]
    public async Task A_queue_message_past_max_dequeue_count_reaches_the_function_which_moves_an_unreadable_batch_to_the_poison_queue()
    {
        var body = $"not a batch {Guid.NewGuid():N}";
        var message = JsonSerializer.SerializeToUtf8Bytes(new
        {
            MessageId = Guid.NewGuid().ToString(),
            PopReceipt = "receipt",
            MessageText = body,
            DequeueCount = 11,
            InsertedOn = DateTimeOffset.UtcNow.AddMinutes(-5),
            ExpiresOn = DateTimeOffset.UtcNow.AddDays(7),
            NextVisibleOn = DateTimeOffset.UtcNow.AddMinutes(10),
        });
        var data = new TypedData { ModelBindingData = new ModelBindingData { Version = "1.0", Source = "AzureStorageQueues", ContentType = "application/json", Content = ByteString.CopyFrom(message) } };

        var invocation = await worker.Host.InvokeAsync(SendBatchFunction.Name, [new ParameterBinding { Name = "message", Data = data }],
            new Dictionary<string, TypedData> { ["DequeueCount"] = new() { Json = "11" } });

        Assert.Equal(StatusResult.Types.Status.Success, invocation.Result.Status);
        var poison = worker.Worker.Services.GetRequiredService<SendQueue>().Poison;
        Assert.Contains((await poison.PeekMessagesAsync(32)).Value, peeked => peeked.Body.ToString() == body);
        Assert.Equal(0, worker.SendGrid.Attempts);
    }
}
