using System.Text.Json;

namespace CareerKit.Resumes;

/// <summary>One thing wrong with a resume, at its JSON path: <c>work[2].startDate: "2020-13" is not a date; …</c></summary>
public sealed record ResumeProblem(string Path, string Message, bool IsLimit = false)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>
/// Reads a JSON Resume document and reports every problem at once, each with its JSON path. Unknown properties
/// are ignored, as the schema allows; a value of the wrong kind is reported, never silently replaced.
/// </summary>
public sealed class ResumeReader
{
    public const int MaxItemsPerSection = 100;
    public const int MaxTextLength = 20_000;

    /// <summary>Highlights, keywords, courses: a bullet or a word each, so fewer and shorter than a section's texts.</summary>
    public const int MaxListItems = 100;
    public const int MaxListItemLength = 2_000;

    /// <summary>
    /// Resumes are often written by hand and exported by tools that leave trailing commas and comments; both are read.
    /// Other JSON bodies (sign-ups, the editor's) stay strict.
    /// </summary>
    public static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 16, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private readonly List<ResumeProblem> _problems = [];
    private readonly List<InterpretedDate> _interpretedDates = [];

    public static (ResumeDocument? Resume, IReadOnlyList<ResumeProblem> Problems) Read(JsonElement root)
    {
        var reader = new ResumeReader();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, [new ResumeProblem("$", "a resume must be a JSON object, as in the JSON Resume schema")]);
        }

        var (modern, legacyNames) = LegacyResumeNames.Modernize(root);
        var resume = reader.ReadResume(modern) with { LegacyNames = legacyNames, InterpretedDates = reader._interpretedDates, Language = ResumeLanguage.From(modern) };
        return reader._problems.Count == 0 ? (resume, []) : (null, reader._problems);
    }

    private ResumeDocument ReadResume(JsonElement root) => new()
    {
        Basics = Object(root, "basics", "basics", ReadBasics),
        Work = List(root, "work", "", (item, path) => new Work(
            Text(item, "name", path), Text(item, "position", path), Link(item, "url", path),
            Date(item, "startDate", path), Date(item, "endDate", path), Text(item, "summary", path), Texts(item, "highlights", path))),
        Volunteer = List(root, "volunteer", "", (item, path) => new Volunteer(
            Text(item, "organization", path), Text(item, "position", path), Link(item, "url", path),
            Date(item, "startDate", path), Date(item, "endDate", path), Text(item, "summary", path), Texts(item, "highlights", path))),
        Education = List(root, "education", "", (item, path) => new Education(
            Text(item, "institution", path), Link(item, "url", path), Text(item, "area", path), Text(item, "studyType", path),
            Date(item, "startDate", path), Date(item, "endDate", path), Text(item, "score", path), Texts(item, "courses", path))),
        Awards = List(root, "awards", "", (item, path) => new Award(
            Text(item, "title", path), Date(item, "date", path), Text(item, "awarder", path), Text(item, "summary", path))),
        Certificates = List(root, "certificates", "", (item, path) => new Certificate(
            Text(item, "name", path), Date(item, "date", path), Text(item, "issuer", path), Link(item, "url", path))),
        Publications = List(root, "publications", "", (item, path) => new Publication(
            Text(item, "name", path), Text(item, "publisher", path), Date(item, "releaseDate", path), Link(item, "url", path), Text(item, "summary", path))),
        Skills = List(root, "skills", "", (item, path) => new Skill(Text(item, "name", path), Text(item, "level", path), Texts(item, "keywords", path))),
        Languages = List(root, "languages", "", (item, path) => new Language(Text(item, "language", path), Text(item, "fluency", path))),
        Interests = List(root, "interests", "", (item, path) => new Interest(Text(item, "name", path), Texts(item, "keywords", path))),
        References = List(root, "references", "", (item, path) => new Reference(Text(item, "name", path), Text(item, "reference", path))),
        Projects = List(root, "projects", "", (item, path) => new Project(
            Text(item, "name", path), Date(item, "startDate", path), Date(item, "endDate", path), Text(item, "description", path),
            Texts(item, "highlights", path), Link(item, "url", path))),
    };

    private Basics ReadBasics(JsonElement basics, string path) => new(
        Text(basics, "name", path), Text(basics, "label", path), Link(basics, "image", path), Email(basics, "email", path),
        Text(basics, "phone", path), Link(basics, "url", path), Text(basics, "summary", path),
        Object(basics, "location", $"{path}.location", (location, at) => new Location(
            Text(location, "address", at), Text(location, "postalCode", at), Text(location, "city", at), Text(location, "countryCode", at), Text(location, "region", at))),
        List(basics, "profiles", path, (profile, at) => new Profile(Text(profile, "network", at), Text(profile, "username", at), Link(profile, "url", at))));

    private T? Object<T>(JsonElement parent, string name, string path, Func<JsonElement, string, T> read)
        where T : class
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Problem(path, $"must be an object, not {Kind(value)}");
            return null;
        }

        return read(value, path);
    }

    private List<T> List<T>(JsonElement parent, string name, string parentPath, Func<JsonElement, string, T> read)
    {
        var path = Join(parentPath, name);
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Problem(path, $"must be a list, not {Kind(value)}");
            return [];
        }

        if (value.GetArrayLength() > MaxItemsPerSection)
        {
            _problems.Add(new ResumeProblem(path, $"has {value.GetArrayLength()} entries; a resume section can have at most {MaxItemsPerSection}", IsLimit: true));
            return [];
        }

        var items = new List<T>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                Problem(itemPath, $"must be an object, not {Kind(item)}");
                continue;
            }

            items.Add(read(item, itemPath));
        }

        return items;
    }

    private string? Text(JsonElement parent, string name, string parentPath)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var path = Join(parentPath, name);
        if (value.ValueKind != JsonValueKind.String)
        {
            Problem(path, $"must be text, not {Kind(value)}");
            return null;
        }

        var text = Checked(value.GetString()!.Trim(), path, MaxTextLength);
        return text?.Length == 0 ? null : text;
    }

    /// <summary>The text, or null with a problem when it is too long or holds control characters.</summary>
    private string? Checked(string text, string path, int maxLength)
    {
        if (text.Length > maxLength)
        {
            _problems.Add(new ResumeProblem(path, $"is {text.Length} characters long; at most {maxLength}", IsLimit: true));
            return null;
        }

        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            Problem(path, "contains control characters; remove them");
            return null;
        }

        return text;
    }

    private IReadOnlyList<string> Texts(JsonElement parent, string name, string parentPath)
    {
        var path = Join(parentPath, name);
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Problem(path, $"must be a list of text, not {Kind(value)}");
            return [];
        }

        if (value.GetArrayLength() > MaxListItems)
        {
            _problems.Add(new ResumeProblem(path, $"has {value.GetArrayLength()} entries; a list can have at most {MaxListItems}", IsLimit: true));
            return [];
        }

        var texts = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                Problem(itemPath, $"must be text, not {Kind(item)}");
            }
            else if (Checked(item.GetString()!.Trim(), itemPath, MaxListItemLength) is { Length: > 0 } text)
            {
                texts.Add(text);
            }
        }

        return texts;
    }

    private ResumeDate? Date(JsonElement parent, string name, string parentPath)
    {
        var text = Text(parent, name, parentPath);
        if (text is null)
        {
            return null;
        }

        var path = Join(parentPath, name);
        if (!ResumeDateForms.TryRead(text, isEndDate: name == "endDate", out var date, out var readAs))
        {
            Problem(path, $"\"{text}\" is not a date; {ResumeDateForms.Accepted}");
        }
        else if (readAs is not null)
        {
            _interpretedDates.Add(new InterpretedDate(path, text, readAs));
        }

        return date;
    }

    /// <summary>A URL is kept as text; whether it becomes a link is the PDF's call (http, https and mailto only).</summary>
    private string? Link(JsonElement parent, string name, string parentPath) => Text(parent, name, parentPath);

    private string? Email(JsonElement parent, string name, string parentPath)
    {
        var text = Text(parent, name, parentPath);
        if (text is not null && (!text.Contains('@') || text.Any(char.IsWhiteSpace)))
        {
            Problem(Join(parentPath, name), $"\"{text}\" is not an email address");
            return null;
        }

        return text;
    }

    private void Problem(string path, string message) => _problems.Add(new ResumeProblem(path, message));

    private static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "text",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        _ => "null",
    };
}
