using System.Buffers;
using System.Text.Json;

namespace CareerKit.Resumes;

/// <summary>A property a resume named as an earlier JSON Resume schema did, read under its 1.0.0 name: <c>work[].company</c> → <c>work[].name</c>.</summary>
public sealed record LegacyName(string From, string To);

/// <summary>
/// Resumes written before JSON Resume 1.0.0 (and the tools and themes that still write them) use names the schema
/// has since renamed. Each is read as its 1.0.0 name unless the same object also has the 1.0.0 name, so a company
/// or a website is never silently dropped. The list is the schema's own history (github.com/jsonresume/resume-schema:
/// CHANGELOG.md and the commits to schema.json); <c>volunteer[].organization</c> was never renamed.
/// </summary>
public static class LegacyResumeNames
{
    /// <summary>Where a rename applies: the resume itself (""), an object in it, or every entry of a section ("work[]").</summary>
    private sealed record Rename(string Scope, string From, string To);

    private static readonly Rename[] Renames =
    [
        new("", "bio", "basics"),                       // v0.0.12
        new("", "hobbies", "interests"),                // v0.0.12
        new("basics", "website", "url"),                // v0.0.17
        new("basics", "picture", "image"),              // v0.0.17
        new("basics.location", "state", "region"),      // v0.0.12
        new("work[]", "company", "name"),               // v0.0.17
        new("work[]", "website", "url"),                // v0.0.17
        new("volunteer[]", "website", "url"),           // v0.0.17
        new("education[]", "gpa", "score"),             // v1.0.0
        new("awards[]", "awardDate", "date"),           // v0.0.12
        new("publications[]", "website", "url"),        // v0.0.17
        new("projects[]", "website", "url"),            // the projects section's first draft (2017)
        new("projects[]", "summary", "description"),    // the projects section's first draft
        new("languages[]", "name", "language"),         // the development schema, 2015 to 2020
        new("languages[]", "level", "fluency"),         // the development schema, 2015 to 2020
    ];

    /// <summary>The resume with every pre-1.0 name read as its 1.0.0 name, and those of them that carried content.</summary>
    public static (JsonElement Resume, IReadOnlyList<LegacyName> Mapped) Modernize(JsonElement resume)
    {
        var copy = new Copy();
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            copy.Write(writer, resume, "");
        }

        if (!copy.Renamed)
        {
            return (resume, []); // Most resumes: read as they are.
        }

        using var modern = JsonDocument.Parse(buffer.WrittenMemory);
        return (modern.RootElement.Clone(), copy.Mapped.Distinct().ToList());
    }

    /// <summary>
    /// Copies the resume property by property, renaming as it goes. A copy rather than a JsonNode tree, which would
    /// refuse a property named twice where the reader tolerates it.
    /// </summary>
    private sealed class Copy
    {
        public bool Renamed { get; private set; }

        public List<LegacyName> Mapped { get; } = [];

        public void Write(Utf8JsonWriter writer, JsonElement element, string scope)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    WriteObject(writer, element, scope);
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    foreach (var item in element.EnumerateArray())
                    {
                        Write(writer, item, $"{scope}[]");
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    element.WriteTo(writer);
                    break;
            }
        }

        private void WriteObject(Utf8JsonWriter writer, JsonElement element, string scope)
        {
            var names = element.EnumerateObject().Select(property => property.Name).ToHashSet(StringComparer.Ordinal);
            writer.WriteStartObject();
            if (scope == "basics" && JoinedName(element, names) is { } name)
            {
                writer.WriteString("name", name);
            }

            foreach (var property in element.EnumerateObject())
            {
                if (scope == "basics" && !names.Contains("name") && property.Name is "firstName" or "lastName")
                {
                    continue; // Written above, joined.
                }

                var rename = Array.Find(Renames, rename => rename.Scope == scope && rename.From == property.Name && !names.Contains(rename.To));
                var written = rename?.To ?? property.Name;
                if (rename is not null)
                {
                    Renamed = true;
                    if (HasContent(property.Value))
                    {
                        Mapped.Add(new LegacyName(Path(scope, rename.From), Path(scope, rename.To)));
                    }
                }

                writer.WritePropertyName(written);
                Write(writer, property.Value, Path(scope, written));
            }

            writer.WriteEndObject();
        }

        /// <summary>Drafts before v0.0.12 split the name in two: firstName and lastName.</summary>
        private string? JoinedName(JsonElement basics, HashSet<string> names)
        {
            if (names.Contains("name"))
            {
                return null;
            }

            var parts = new[] { "firstName", "lastName" }
                .Select(part => basics.TryGetProperty(part, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : "")
                .Where(part => part.Length > 0)
                .ToList();
            if (parts.Count == 0)
            {
                return null;
            }

            Renamed = true;
            Mapped.Add(new LegacyName("basics.firstName, basics.lastName", "basics.name"));
            return string.Join(' ', parts);
        }
    }

    private static bool HasContent(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => false,
        JsonValueKind.String => !string.IsNullOrWhiteSpace(value.GetString()),
        _ => true,
    };

    private static string Path(string scope, string name) => scope.Length == 0 ? name : $"{scope}.{name}";
}
