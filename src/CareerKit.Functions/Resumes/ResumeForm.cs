using CareerKit.Hosting;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

namespace CareerKit.Resumes;

/// <summary>
/// The resume page's form: a pasted or uploaded JSON Resume and the short form (name, contact, summary, skills), whose
/// filled fields take the place of the same fields in the JSON; optionally a job description to review against, and
/// the format to download in. An uploaded PDF or Word resume is kept as <see cref="Document"/>, for the page to import.
/// </summary>
public sealed record ResumeForm(
    string Track, string? Json, string? Name, string? Label, string? Email, string? Phone, string? Url, string? Summary, string? Skills, string? JobDescription, string? Paper, string? Format)
{
    private static readonly FormOptions Limits = new()
    {
        // A PDF or DOCX upload may be as large as the import takes, held in memory (never buffered to disk); text fields stay small.
        MultipartBodyLengthLimit = Import.ResumeImportEndpoint.MaxRequestBytes,
        MemoryBufferThreshold = (int)Import.ResumeImportEndpoint.MaxRequestBytes,
        ValueLengthLimit = ResumesApi.MaxResumeBytes,
        ValueCountLimit = 32,
    };

    /// <summary>The short form's fields and the <c>basics</c> property each one stands for.</summary>
    private static readonly string[] BasicsFields = ["name", "label", "email", "phone", "url", "summary"];

    /// <summary>An uploaded file that is not JSON (a PDF or DOCX, or a file the import will refuse), to import; null for a JSON upload or none.</summary>
    public byte[]? Document { get; init; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Json) && new[] { Name, Label, Email, Phone, Url, Summary, Skills }.All(string.IsNullOrWhiteSpace);

    /// <summary>Reads the form; its track is the form's <c>track</c> field, or the query string's when the form has none.</summary>
    public static async Task<ResumeForm> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = await FormBody.ReadAsync(request, Limits, cancellationToken);
        var json = form["json"].ToString();
        byte[]? document = null;
        if (form.Files.GetFile("file") is { Length: > 0 } upload)
        {
            using var copy = new MemoryStream((int)upload.Length);
            await upload.CopyToAsync(copy, cancellationToken);
            var bytes = copy.ToArray();
            if (!IsJson(bytes))
            {
                document = bytes;
            }
            else if (bytes.Length > ResumesApi.MaxResumeBytes)
            {
                throw new BadHttpRequestException("The JSON Resume file is too large.", StatusCodes.Status413PayloadTooLarge);
            }
            else
            {
                json = Encoding.UTF8.GetString(bytes);
            }
        }

        string? Field(string name) => string.IsNullOrWhiteSpace(form[name]) ? null : form[name].ToString().Trim();
        return new ResumeForm(Field("track") ?? request.Query["track"].ToString(), string.IsNullOrWhiteSpace(json) ? null : json, Field("name"), Field("label"), Field("email"), Field("phone"),
            Field("url"), Field("summary"), Field("skills"), Field("jobDescription"), Field("paper"), Field("format")) { Document = document };
    }

    /// <summary>Whether an upload is a JSON Resume: an object, so its first character (past a byte order mark and spaces) is "{".</summary>
    private static bool IsJson(ReadOnlySpan<byte> file)
    {
        var text = file.StartsWith("\uFEFF"u8) ? file[3..] : file;
        var start = text.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && text[start] == (byte)'{';
    }

    /// <summary>
    /// The form prefilled with an imported resume: name, title, contact and summary in the short form, everything else
    /// in the JSON (without those, so each value is in one place to correct).
    /// </summary>
    public ResumeForm Prefilled(ResumeDocument imported)
    {
        var json = JsonNode.Parse(ResumeJson.Write(imported))!.AsObject();
        if (json["basics"] is JsonObject basics)
        {
            foreach (var field in BasicsFields)
            {
                basics.Remove(field);
            }
        }

        var basicsRead = imported.Basics;
        return this with
        {
            Json = WithoutEmpties(json)?.ToJsonString(Indented),
            Name = basicsRead?.Name, Label = basicsRead?.Label, Email = basicsRead?.Email, Phone = basicsRead?.Phone, Url = basicsRead?.Url, Summary = basicsRead?.Summary,
            Skills = null,
            Document = null,
        };
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The node without empty lists and objects: what a person reads through to correct.</summary>
    private static JsonNode? WithoutEmpties(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (WithoutEmpties(value) is null)
                    {
                        obj.Remove(name);
                    }
                }

                return obj.Count == 0 ? null : obj;
            case JsonArray array:
                foreach (var item in array.ToList())
                {
                    if (WithoutEmpties(item) is null)
                    {
                        array.Remove(item);
                    }
                }

                return array.Count == 0 ? null : array;
            default:
                return node;
        }
    }

    /// <summary>The resume the form describes, or the problems with it (path-named, as the API reports them).</summary>
    public (ResumeDocument? Resume, IReadOnlyList<ResumeProblem> Problems) ToResume()
    {
        var json = Json ?? "{}";
        if (json.Contains('\uFFFD'))
        {
            // The form reader puts U+FFFD where the sent bytes were not UTF-8.
            return (null, [new ResumeProblem("json", "contains bytes that are not valid UTF-8 (shown as \uFFFD); save the resume as UTF-8 and send it again")]);
        }

        try
        {
            using var document = JsonDocument.Parse(json, ResumeReader.JsonOptions);
            if (JsonBody.FindUnreadableText(document.RootElement) is { } path)
            {
                return (null, [new ResumeProblem(path, JsonBody.NotUtf8)]);
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object || !HasShortFields)
            {
                return ResumeReader.Read(document.RootElement);
            }

            using var merged = JsonDocument.Parse(WithShortFields(JsonObject.Create(document.RootElement)!).ToJsonString());
            return ResumeReader.Read(merged.RootElement);
        }
        catch (JsonException malformed)
        {
            return (null, [new ResumeProblem("json", $"this is not valid JSON: {malformed.Message.Split(" Path:")[0]}")]);
        }
    }

    private bool HasShortFields => new[] { Name, Label, Email, Phone, Url, Summary, Skills }.Any(value => !string.IsNullOrWhiteSpace(value));

    /// <summary>The short form over the JSON, checked with the same reader so its messages match.</summary>
    private JsonObject WithShortFields(JsonObject resume)
    {
        var basics = resume["basics"] as JsonObject ?? [];
        resume["basics"] = basics;
        foreach (var (field, value) in BasicsFields.Zip(new[] { Name, Label, Email, Phone, Url, Summary }))
        {
            if (value is not null)
            {
                basics[field] = value;
            }
        }

        var skills = Skills?.Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (skills.Length > 0)
        {
            resume["skills"] = new JsonArray(new JsonObject { ["name"] = "Skills", ["keywords"] = new JsonArray([.. skills.Select(skill => JsonValue.Create(skill))]) });
        }

        return resume;
    }
}
