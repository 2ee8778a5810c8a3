using System.Text.Json;

namespace CareerKit.Hosting;

/// <summary>
/// Reads the "Values" of a Functions-style local.settings.json, so that running the app on its own
/// uses the same settings the Functions host would turn into environment variables.
/// </summary>
internal static class LocalSettings
{
    public const string FileName = "local.settings.json";

    public static IConfigurationBuilder AddLocalSettings(this IConfigurationManager configuration, string contentRoot)
    {
        if (Find(contentRoot) is not { } path)
        {
            return configuration;
        }

        var values = Read(path);
        // Lowest precedence: environment variables and command-line arguments still win, as with the host.
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = values });
        return configuration;
    }

    /// <summary>The file in the content root or, under `dotnet run` from the repository, up to three folders above it.</summary>
    private static string? Find(string contentRoot)
    {
        for (var folder = new DirectoryInfo(contentRoot); folder is not null && folder.FullName.Length > 1; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            if (File.Exists(Path.Combine(folder.FullName, "host.json")))
            {
                return null; // The repository root: look no further.
            }
        }

        return null;
    }

    internal static Dictionary<string, string?> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in section.EnumerateObject())
            {
                // "Section__Key" is how Linux environment variables spell "Section:Key".
                values[property.Name.Replace("__", ":", StringComparison.Ordinal)] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()
                    : property.Value.GetRawText();
            }
        }

        return values;
    }
}
