using CareerKit.Hosting;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace CareerKit.Resumes;

/// <summary>
/// The resume page's form: a pasted or uploaded JSON Resume, or a short form (name, contact, summary, skills),
/// optionally a job description to review against, and the format to download in.
/// </summary>
public sealed record ResumeForm(
    string Track, string? Json, string? Name, string? Label, string? Email, string? Phone, string? Url, string? Summary, string? Skills, string? JobDescription, string? Paper, string? Format)
{
    private static readonly FormOptions Limits = new()
    {
        MultipartBodyLengthLimit = ResumesApi.MaxResumeBytes,
        ValueLengthLimit = ResumesApi.MaxResumeBytes,
        ValueCountLimit = 32,
    };

    public bool IsEmpty => string.IsNullOrWhiteSpace(Json) && new[] { Name, Label, Email, Phone, Url, Summary, Skills }.All(string.IsNullOrWhiteSpace);

    /// <summary>Reads the form; its track is the form's <c>track</c> field, or the query string's when the form has none.</summary>
    public static async Task<ResumeForm> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = await FormBody.ReadAsync(request, Limits, cancellationToken);
        var json = form["json"].ToString();
        if (form.Files.GetFile("file") is { Length: > 0 } upload)
        {
            using var reader = new StreamReader(upload.OpenReadStream(), Encoding.UTF8);
            json = await reader.ReadToEndAsync(cancellationToken);
        }

        string? Field(string name) => string.IsNullOrWhiteSpace(form[name]) ? null : form[name].ToString().Trim();
        return new ResumeForm(Field("track") ?? request.Query["track"].ToString(), string.IsNullOrWhiteSpace(json) ? null : json, Field("name"), Field("label"), Field("email"), Field("phone"),
            Field("url"), Field("summary"), Field("skills"), Field("jobDescription"), Field("paper"), Field("format"));
    }

    /// <summary>The resume the form describes, or the problems with it (path-named, as the API reports them).</summary>
    public (ResumeDocument? Resume, IReadOnlyList<ResumeProblem> Problems) ToResume()
    {
        if (Json is not null)
        {
            if (Json.Contains('\uFFFD'))
            {
                // The form reader puts U+FFFD where the sent bytes were not UTF-8.
                return (null, [new ResumeProblem("json", "contains bytes that are not valid UTF-8 (shown as \uFFFD); save the resume as UTF-8 and send it again")]);
            }

            try
            {
                using var document = JsonDocument.Parse(Json, ResumeReader.JsonOptions);
                return JsonBody.FindUnreadableText(document.RootElement) is { } path
                    ? (null, [new ResumeProblem(path, JsonBody.NotUtf8)])
                    : ResumeReader.Read(document.RootElement);
            }
            catch (JsonException malformed)
            {
                return (null, [new ResumeProblem("json", $"this is not valid JSON: {malformed.Message.Split(" Path:")[0]}")]);
            }
        }

        // The short form, checked with the same reader so its messages match.
        var basics = new Dictionary<string, string?> { ["name"] = Name, ["label"] = Label, ["email"] = Email, ["phone"] = Phone, ["url"] = Url, ["summary"] = Summary };
        var skills = Skills?.Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var shape = new Dictionary<string, object?>
        {
            ["basics"] = basics.Where(pair => pair.Value is not null).ToDictionary(),
            ["skills"] = skills.Length == 0 ? null : new[] { new { name = "Skills", keywords = skills } },
        };
        using var built = JsonDocument.Parse(JsonSerializer.Serialize(shape));
        return ResumeReader.Read(built.RootElement);
    }
}
