using System.Reflection;
using System.Text.Json.Nodes;

namespace Spike.Tests.Infrastructure;

/// <summary>The app's build output, where the Worker SDK writes functions.metadata and worker.config.json.</summary>
public static class AppOutput
{
    public static string Folder { get; } = typeof(AppOutput).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AppOutput").Value!;

    public static JsonArray FunctionsMetadata() => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "functions.metadata")))!.AsArray();

    public static IEnumerable<(string Name, JsonObject Trigger)> Triggers(string type) =>
        FunctionsMetadata().Select(function => (Name: (string)function!["name"]!, Trigger: function!["bindings"]!.AsArray().Select(b => b!.AsObject()).SingleOrDefault(b => (string)b["type"]! == type)))
            .Where(pair => pair.Trigger is not null)
            .Select(pair => (pair.Name, pair.Trigger!));
}
