using System.Text.Json;
using System.Text.Json.Nodes;

namespace CareerKit.Hosting.Standalone;

/// <summary>The parts of host.json that standalone mode honours the way the Functions host does, with the host's defaults.</summary>
public sealed record HostJson(string RoutePrefix, QueueSettings Queues)
{
    public static HostJson Read(string folder)
    {
        var path = Path.Combine(folder, "host.json");
        var root = File.Exists(path)
            ? JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            : null;
        var extensions = root?["extensions"];
        var queues = extensions?["queues"];
        var batchSize = queues?["batchSize"]?.GetValue<int>() ?? 16;
        return new HostJson(
            extensions?["http"]?["routePrefix"]?.GetValue<string>() ?? "api",
            new QueueSettings(
                batchSize,
                queues?["newBatchThreshold"]?.GetValue<int>() ?? batchSize / 2,
                Duration(queues?["maxPollingInterval"]) ?? TimeSpan.FromMinutes(1),
                Duration(queues?["visibilityTimeout"]) ?? TimeSpan.Zero,
                queues?["maxDequeueCount"]?.GetValue<int>() ?? 5,
                queues?["messageEncoding"]?.GetValue<string>() ?? "base64"));
    }

    private static TimeSpan? Duration(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => TimeSpan.Parse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.Number => TimeSpan.FromMilliseconds(node.GetValue<double>()),
        _ => null,
    };
}

/// <summary>host.json extensions.queues.</summary>
public sealed record QueueSettings(int BatchSize, int NewBatchThreshold, TimeSpan MaxPollingInterval, TimeSpan VisibilityTimeout, int MaxDequeueCount, string MessageEncoding);
