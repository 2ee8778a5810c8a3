using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Spike.Hosting;
using Spike.Hosting.Standalone;
using Spike.Tests.Infrastructure;

namespace Spike.Tests;

/// <summary>What the Worker SDK declared for the host (functions.metadata) is exactly what standalone serves, schedules and polls.</summary>
[Collection(StorageCollection.Name)]
public sealed class ParityTests(Azurite storage)
{
    [Fact]
    public async Task Every_declared_http_function_is_served_standalone_with_its_route_and_methods_and_nothing_else_is()
    {
        await using var app = await StandaloneApp.StartAsync(storage);
        var declared = AppOutput.Triggers("httpTrigger")
            .Select(f => (f.Name, Route: "/" + (string?)f.Trigger["route"], Methods: f.Trigger["methods"]!.AsArray().Select(m => ((string)m!).ToUpperInvariant()).Order().ToArray()))
            .OrderBy(f => f.Name)
            .ToArray();
        var served = app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Name: e.Metadata.GetMetadata<FunctionDeclaration>()?.Name ?? "(not a function)", Route: e.RoutePattern.RawText!, Methods: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Order().ToArray()))
            .OrderBy(f => f.Name)
            .ToArray();

        Assert.NotEmpty(declared);
        Assert.Equal(declared.Select(f => $"{f.Name} {string.Join(",", f.Methods)} {f.Route}"), served.Select(f => $"{f.Name} {string.Join(",", f.Methods)} {f.Route}"));

        foreach (var (name, route, methods) in declared)
        {
            foreach (var method in methods)
            {
                using var response = await app.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), route.Replace("{id}", "x")));
                Assert.True(response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed), $"{name}: {method} {route} answered {response.StatusCode}");
            }
        }

        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/GetThing")).StatusCode); // No route by function name, no custom-handler route.
    }

    [Fact]
    public async Task Every_declared_timer_is_scheduled_standalone_with_its_resolved_schedule()
    {
        await using var app = await StandaloneApp.StartAsync(storage, new Dictionary<string, string?> { ["MY_SCHEDULE"] = "0 30 9 * * 1" });
        var declared = AppOutput.Triggers("timerTrigger").Select(f => $"{f.Name} {AppSettingNames.Resolve((string)f.Trigger["schedule"]!, app.App.Configuration)}").Order();
        var scheduled = app.Services.GetRequiredService<TimerSchedules>().All.Select(s => $"{s.Function.Name} {s.Expression}").Order();

        Assert.Equal(["WeeklyTips 0 30 9 * * 1"], scheduled);
        Assert.Equal(declared, scheduled);
    }

    [Fact]
    public async Task Every_declared_queue_trigger_is_polled_standalone_on_its_resolved_queue_and_connection()
    {
        await using var app = await StandaloneApp.StartAsync(storage);
        var declared = AppOutput.Triggers("queueTrigger").Select(f => $"{f.Name} {AppSettingNames.Resolve((string)f.Trigger["queueName"]!, app.App.Configuration)} {f.Trigger["connection"]}").Order();
        var polled = app.Services.GetRequiredService<QueuePollers>().Bindings.Select(b => $"{b.Function.Name} {b.QueueName} {b.ConnectionSetting}").Order();

        Assert.Equal([$"SendBatch {app.QueueName} AzureWebJobsStorage"], polled);
        Assert.Equal(declared, polled);
    }

    [Fact]
    public void The_catalog_and_functions_metadata_name_the_same_functions_with_the_same_entry_points()
    {
        var declared = AppOutput.FunctionsMetadata().Select(f => $"{f!["name"]} {f["entryPoint"]} {f["scriptFile"]}").Order();
        var catalog = FunctionCatalog.ForApp.All.Select(f => $"{f.Name} {f.EntryPoint} Spike.Functions.dll").Order();
        Assert.Equal(declared, catalog);
    }
}
