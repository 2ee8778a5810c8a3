using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Spike.Hosting;
using Spike.Hosting.Standalone;

namespace Spike.Tests.Infrastructure;

/// <summary>The app in standalone mode on Kestrel on a loopback port, as the product's CareerKitApp starts it: a fresh one per test.</summary>
public sealed class StandaloneApp : IAsyncDisposable
{
    public const string EditorKey = "editor-key-for-tests";

    private readonly WebApplication _app;

    private StandaloneApp(WebApplication app, Uri baseAddress, string queueName)
    {
        _app = app;
        BaseAddress = baseAddress;
        QueueName = queueName;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    public string QueueName { get; }
    public IServiceProvider Services => _app.Services;
    public WebApplication App => _app;
    public InvocationJournal Journal => Services.GetRequiredService<InvocationJournal>();

    public static async Task<StandaloneApp> StartAsync(Azurite storage, IDictionary<string, string?>? settings = null, FakeTimeProvider? time = null,
        InMemoryScheduleStatusStore? statuses = null, Func<HostJson, HostJson>? hostJson = null)
    {
        var port = FreePort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var queueName = $"q{Guid.NewGuid():N}"[..30];
        var values = new Dictionary<string, string?>
        {
            ["urls"] = baseAddress.AbsoluteUri.TrimEnd('/'),
            ["MY_SCHEDULE"] = "0 0 9 * * 1",
            ["QUEUE_NAME"] = queueName,
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["EDITOR_KEY"] = EditorKey,
            ["RateLimits:signup"] = "2",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var builder = StandaloneHost.CreateBuilder([], new WebApplicationOptions { ContentRootPath = Directory.CreateTempSubdirectory("spike11-app-").FullName, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(values.Where(pair => pair.Value is not null));
        builder.Logging.ClearProviders();
        if (time is not null)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));
        }

        builder.Services.Replace(ServiceDescriptor.Singleton<IScheduleStatusStore>(statuses ?? new InMemoryScheduleStatusStore()));
        if (hostJson is not null)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(hostJson(HostJson.Read(AppContext.BaseDirectory))));
        }

        var app = builder.Build();
        app.MapFunctions();
        await app.StartAsync();
        return new StandaloneApp(app, baseAddress, queueName);
    }

    public async Task<bool> WaitForAsync(Func<InvocationJournal, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition(Journal))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed class InMemoryScheduleStatusStore : IScheduleStatusStore
{
    public ConcurrentDictionary<string, ScheduleStatus> Statuses { get; } = new();

    public Task<ScheduleStatus?> ReadAsync(string function, CancellationToken cancellationToken) =>
        Task.FromResult(Statuses.TryGetValue(function, out var status) ? status : null);

    public Task WriteAsync(string function, ScheduleStatus status, CancellationToken cancellationToken)
    {
        Statuses[function] = status;
        return Task.CompletedTask;
    }
}
