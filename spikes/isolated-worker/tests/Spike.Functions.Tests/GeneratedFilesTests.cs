using System.Text.Json.Nodes;
using Spike.Tests.Infrastructure;

namespace Spike.Tests;

/// <summary>The shapes the Worker SDK writes next to the app; the package test of the product checks the same.</summary>
public sealed class GeneratedFilesTests
{
    [Fact]
    public void Worker_config_runs_the_app_dll_with_dotnet_and_indexes_in_the_worker()
    {
        var description = JsonNode.Parse(File.ReadAllText(Path.Combine(AppOutput.Folder, "worker.config.json")))!["description"]!;
        Assert.Equal("dotnet-isolated", (string?)description["language"]);
        Assert.Equal("dotnet", (string?)description["defaultExecutablePath"]);
        Assert.Equal("Spike.Functions.dll", (string?)description["defaultWorkerPath"]);
        Assert.Equal("true", (string?)description["workerIndexing"]);
    }

    [Fact]
    public void Functions_metadata_declares_each_trigger_with_its_binding_fields()
    {
        var functions = AppOutput.FunctionsMetadata().ToDictionary(f => (string)f!["name"]!, f => f!);
        var http = functions["GetThing"]!["bindings"]!.AsArray();
        Assert.Equal("httpTrigger", (string?)http[0]!["type"]);
        Assert.Equal("Anonymous", (string?)http[0]!["authLevel"]);
        Assert.Equal("api/things/{id}", (string?)http[0]!["route"]);
        Assert.Equal("$return", (string?)http[1]!["name"]);
        Assert.Equal("http", (string?)http[1]!["type"]);
        Assert.Equal("%MY_SCHEDULE%", (string?)functions["WeeklyTips"]!["bindings"]![0]!["schedule"]);
        var queue = functions["SendBatch"]!["bindings"]![0]!;
        Assert.Equal("%QUEUE_NAME%", (string?)queue["queueName"]);
        Assert.Equal("AzureWebJobsStorage", (string?)queue["connection"]);
        Assert.Equal("True", (string?)queue["properties"]!["supportsDeferredBinding"]);
    }
}
