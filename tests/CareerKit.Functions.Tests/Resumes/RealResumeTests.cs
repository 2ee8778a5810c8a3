using System.Net;
using System.Text;
using System.Text.Json;
using CareerKit.Rendering;
using CareerKit.Resumes;
using CareerKit.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace CareerKit.Tests.Resumes;

/// <summary>
/// JSON Resumes written by other people (real-resumes/, sources in its README): the tailored PDF holds what they wrote
/// and nothing of the template's guidance, whichever schema version's names they used.
/// </summary>
public sealed class RealResumeTests : IAsyncLifetime
{
    private CareerKitApp _app = null!;

    public async Task InitializeAsync() => _app = await CareerKitApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string, string> ResumesAndTracks()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Resumes", "real-resumes"), "*.json").Order(StringComparer.Ordinal))
        {
            foreach (var track in new[] { "ml-engineer", "ai-engineer" })
            {
                data.Add(Path.GetFileName(file), track);
            }
        }

        return data;
    }

    internal static string Read(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Resumes", "real-resumes", file));

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string TemplateFile(string track) => Path.Combine(TemplateLibrary.DefaultRoot, "resumes", $"{track}.json");

    /// <summary>Every text a template offers as guidance: each string value of its document (its meta is settings, not guidance).</summary>
    internal static IReadOnlyList<string> Guidance()
    {
        var strings = new List<string>();
        void Collect(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject().Where(property => property.Name is not ("meta" or "$schema")))
                    {
                        Collect(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Collect(item);
                    }

                    break;
                case JsonValueKind.String:
                    strings.Add(element.GetString()!);
                    break;
            }
        }

        foreach (var track in new[] { "ml-engineer", "ai-engineer" })
        {
            Collect(JsonDocument.Parse(File.ReadAllText(TemplateFile(track))).RootElement);
        }

        return strings.Distinct(StringComparer.Ordinal).ToList();
    }

    internal static IEnumerable<string> Headings(string track) =>
        JsonDocument.Parse(File.ReadAllText(TemplateFile(track))).RootElement.GetProperty("meta").GetProperty("careerkit").GetProperty("headings")
            .EnumerateObject().Select(heading => heading.Value.GetString()!);

    private static string? Value(JsonElement item, params string[] names) =>
        names.Select(name => item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null)
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value))?.Trim();

    [Theory]
    [MemberData(nameof(ResumesAndTracks))]
    public async Task A_real_resume_is_tailored_to_only_its_author_s_words_with_every_company_and_website(string file, string track)
    {
        var json = Read(file);

        var response = await _app.Client.PostAsync($"/api/resumes/{track}", Json(json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join(" ", pdf.GetPages().Select(page => string.Join(" ", page.GetWords().Select(word => word.Text))));
        var links = pdf.GetPages().SelectMany(page => page.GetHyperlinks()).Select(link => link.Uri).ToHashSet(StringComparer.Ordinal);

        // The track's headings ("Machine learning projects") are the template's to set; its guidance is not.
        // Guidance the reader also wrote ("Python", "GitHub") is theirs.
        var body = Headings(track).Aggregate(text, (rest, heading) => rest.Replace(heading, " ", StringComparison.Ordinal));
        var leaked = Guidance().Where(guide => body.Contains(guide, StringComparison.Ordinal) && !json.Contains(guide, StringComparison.Ordinal)).ToList();
        Assert.Empty(leaked);

        var root = JsonDocument.Parse(json, ResumeReader.JsonOptions).RootElement; // Some have trailing commas.
        var basics = root.GetProperty("basics");
        Assert.Contains(Value(basics, "name")!, text);
        if (Value(basics, "url", "website") is { } website)
        {
            Assert.Contains(website, text);
        }

        foreach (var job in root.TryGetProperty("work", out var work) ? work.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            Assert.Contains(Value(job, "name", "company")!, text);
            if (Value(job, "url", "website") is { } url && url.StartsWith("http", StringComparison.Ordinal))
            {
                Assert.Contains(new Uri(url).AbsoluteUri, links);
            }
        }
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{ "basics": { "label": "Machine Learning Engineer", "email": "kim@example.com" }, "work": [ { "name": "Acme" } ] }""")]
    public async Task A_resume_without_a_name_is_refused_with_a_422_that_says_so(string body)
    {
        var response = await _app.Client.PostAsync("/api/resumes/ml-engineer", Json(body));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("name", problem.GetProperty("errors").GetProperty("basics.name")[0].GetString());
    }

    [Fact]
    public async Task Pre_1_0_names_are_read_and_the_review_says_which_were_mapped()
    {
        var response = await _app.Client.PostAsync("/api/resumes/ml-engineer/review", Json(Read("0xadada.json")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var review = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var mapped = review.GetProperty("legacyNames").EnumerateArray().Select(name => $"{name.GetProperty("from").GetString()} → {name.GetProperty("to").GetString()}").ToList();
        Assert.Equal(["basics.website → basics.url", "work[].company → work[].name", "work[].website → work[].url"], mapped);
    }

    [Fact]
    public async Task A_resume_written_to_1_0_0_maps_nothing()
    {
        var response = await _app.Client.PostAsync("/api/resumes/ai-engineer/review", Json(Read("jsonresume-sample.json")));

        var review = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Empty(review.GetProperty("legacyNames").EnumerateArray());
    }

    [Theory]
    [InlineData("ml-engineer")]
    [InlineData("ai-engineer")]
    public async Task The_review_lists_the_sections_left_out_with_the_template_s_advice(string track)
    {
        var advice = JsonDocument.Parse(File.ReadAllText(TemplateFile(track))).RootElement.GetProperty("meta").GetProperty("careerkit").GetProperty("advice");

        var response = await _app.Client.PostAsync($"/api/resumes/{track}/review", Json("""{ "basics": { "name": "Lin Chen", "email": "lin@example.com", "summary": "I ship models." }, "skills": [ { "name": "Core", "keywords": ["Python"] } ] }"""));

        var review = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var missing = review.GetProperty("missingSections").EnumerateArray().ToDictionary(section => section.GetProperty("section").GetString()!, section => section.GetProperty("advice").GetString());
        Assert.Equal(["certificates", "education", "projects", "work"], missing.Keys.Order(StringComparer.Ordinal));
        foreach (var (section, text) in missing)
        {
            Assert.Equal(advice.GetProperty(section).GetString(), text);
        }
    }

    [Theory]
    [InlineData("ml-engineer")]
    [InlineData("ai-engineer")]
    public async Task A_template_download_keeps_its_guidance(string track)
    {
        var template = JsonDocument.Parse(File.ReadAllText(TemplateFile(track))).RootElement;
        using var pdf = PdfDocument.Open(await _app.Client.GetByteArrayAsync($"/api/resumes/{track}"));

        var text = string.Join(" ", pdf.GetPages().Select(page => string.Join(" ", page.GetWords().Select(word => word.Text))));

        Assert.Contains(template.GetProperty("basics").GetProperty("name").GetString()!, text);
        Assert.Contains(template.GetProperty("basics").GetProperty("phone").GetString()!, text);
        foreach (var section in new[] { "work", "projects", "certificates" })
        {
            foreach (var entry in template.GetProperty(section).EnumerateArray())
            {
                Assert.Contains(entry.GetProperty("name").GetString()!, text);
            }
        }
    }
}
