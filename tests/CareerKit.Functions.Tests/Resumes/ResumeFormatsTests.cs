using System.Net;
using System.Text;
using System.Text.Json;
using CareerKit.Cli;
using CareerKit.Resumes;
using CareerKit.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig;

namespace CareerKit.Tests.Resumes;

/// <summary>The same resume as PDF, DOCX, plain text and JSON Resume, from the API, the page and the command line.</summary>
public sealed class ResumeFormatsTests : IAsyncLifetime
{
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static readonly string FullResume = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Resumes", "full-resume.json"));
    private CareerKitApp _app = null!;

    public async Task InitializeAsync() => _app = await CareerKitApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> TailorAsync(string format, string body = "", string track = "ml-engineer") =>
        _app.Client.PostAsync($"/api/resumes/{track}?format={format}", Json(body.Length > 0 ? body : FullResume));

    [Theory]
    [InlineData("pdf", "application/pdf")]
    [InlineData("docx", Docx)]
    [InlineData("txt", "text/plain; charset=utf-8")]
    [InlineData("json", "application/json")]
    public async Task Each_format_downloads_for_the_template_and_for_a_tailored_resume_with_its_type_and_file_name(string format, string contentType)
    {
        var template = await _app.Client.GetAsync($"/api/resumes/ai-engineer?format={format}");
        var tailored = await TailorAsync(format);

        foreach (var response in new[] { template, tailored })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(contentType, response.Content.Headers.ContentType!.ToString());
            Assert.EndsWith($"-resume.{format}", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task An_unknown_format_is_a_400_naming_the_four()
    {
        var get = await _app.Client.GetAsync("/api/resumes/ml-engineer?format=odt");
        var post = await TailorAsync("odt");

        foreach (var response in new[] { get, post })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Use pdf, docx, txt or json.", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_docx_is_valid_word_with_heading_and_list_styles_links_and_metadata_and_no_tables()
    {
        var response = await TailorAsync("docx");

        using var document = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(error => $"{error.Path?.XPath}: {error.Description}"));
        var main = document.MainDocumentPart!;
        var styles = main.StyleDefinitionsPart!.Styles!.Elements<Style>().Select(style => style.StyleId?.Value).ToList();
        Assert.Superset(new HashSet<string?> { "Heading1", "Heading2", "ListBullet", "Hyperlink" }, styles.ToHashSet());
        var used = main.Document!.Body!.Descendants<ParagraphStyleId>().Select(style => style.Val?.Value).ToList();
        Assert.Equal(1, used.Count(style => style == "Heading1"));
        Assert.Contains("Heading2", used);
        Assert.Contains("ListBullet", used);
        Assert.Contains(main.NumberingDefinitionsPart!.Numbering!.Descendants<NumberingFormat>(), format => format.Val?.Value == NumberFormatValues.Bullet);
        Assert.Empty(main.Document.Body.Descendants<Table>());
        Assert.Empty(main.Document.Body.Descendants<DocumentFormat.OpenXml.Wordprocessing.TextBoxContent>());
        Assert.Contains(main.HyperlinkRelationships, link => link.Uri.AbsoluteUri == "https://payments.example/");
        Assert.Equal("Zoë Ångström: resume", document.PackageProperties.Title);
        Assert.Equal("Zoë Ångström", document.PackageProperties.Creator);
    }

    [Fact]
    public async Task The_docx_and_the_text_show_the_pdf_s_headings_titles_and_organisations_in_the_pdf_s_order()
    {
        var pdf = await (await TailorAsync("pdf")).Content.ReadAsByteArrayAsync();
        var docx = await (await TailorAsync("docx")).Content.ReadAsByteArrayAsync();
        var text = await (await TailorAsync("txt")).Content.ReadAsStringAsync();
        using var read = JsonDocument.Parse(FullResume);
        var templates = ResumeTemplates.Default();
        var template = templates.ForSlug("ml-engineer")!;
        var outline = ResumeOutline.Of(ResumeTailor.Tailor(ResumeReader.Read(read.RootElement).Resume!, template, templates.SkillAliases), template);
        List<string> Markers(Func<string, string> heading) => outline.Sections
            .SelectMany(section => new[] { heading(section.Heading) }.Concat(section.Entries.SelectMany(entry => new[] { entry.First, entry.Second, entry.Label })))
            .OfType<string>().ToList();
        var markers = Markers(heading => heading.ToUpperInvariant()); // The PDF and the text write headings in capitals.

        using var document = PdfDocument.Open(pdf);
        var pdfText = string.Join(" ", document.GetPages().Select(page => string.Join(" ", page.GetWords().Select(word => word.Text))));
        var docxText = DocxText(docx);

        Assert.True(markers.Count >= 12, $"only {markers.Count} markers");
        AssertInOrder(markers, pdfText);
        AssertInOrder(Markers(heading => heading), docxText);
        AssertInOrder(markers, text);
    }

    [Fact]
    public async Task The_text_holds_every_field_once_in_the_pdf_s_order()
    {
        var text = await (await TailorAsync("txt")).Content.ReadAsStringAsync();

        AssertInOrder([
            "Zoë Ångström", "Senior Machine Learning Engineer", "zoe@example.com", "+46 70 000 00 00", "https://zoe.example", "Stockholm, Stockholm County, SE",
            "GitHub: zoe-a (https://github.com/zoe-a)", "SUMMARY", "I build fraud and forecasting models", "SKILLS", "Languages: Python, SQL, Rust (Expert)",
            "EXPERIENCE", "Klarna-like Payments", "Mar 2021 – Present", "ML Engineer", "https://payments.example", "Fraud scoring team.",
            "- Cut fraud losses by 18% with a gradient-boosted model", "- Ran drift monitoring on every feature",
            "Forecast AB", "Jan 2018 – Feb 2021", "Data Scientist", "- Built weekly demand forecasts in Python and SQL",
            "Open fraud benchmark", "2022 – 2023", "https://github.com/zoe-a/fraud-bench", "- Used by 40 teams",
            "EDUCATION", "KTH", "2013 – 2018", "MSc in Applied Mathematics", "Score: 4.8/5 · Courses: Statistics, Linear algebra",
            "Azure Data Scientist Associate", "May 2022", "Microsoft",
        ], text);
        Assert.DoesNotContain("\n\n\n", text);
    }

    [Fact]
    public async Task The_json_is_the_tailored_json_resume_in_1_0_0_names_without_template_guidance()
    {
        var legacy = """{ "basics": { "name": "Lin Chen", "website": "https://lin.example" }, "work": [ { "company": "Acme", "position": "ML Engineer", "startDate": "2020-03" } ], "skills": [ { "name": "Other", "keywords": ["Excel"] }, { "name": "ML", "keywords": ["Python"] } ] }""";

        var response = await TailorAsync("json", legacy);

        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(ResumeJson.Schema, root.GetProperty("$schema").GetString());
        Assert.Equal("https://lin.example", root.GetProperty("basics").GetProperty("url").GetString());
        Assert.Equal("Acme", root.GetProperty("work")[0].GetProperty("name").GetString());
        Assert.Equal("2020-03", root.GetProperty("work")[0].GetProperty("startDate").GetString());
        Assert.Equal("ML", root.GetProperty("skills")[0].GetProperty("name").GetString()); // Tailored: the track's key skills lead.
        Assert.Equal(0, root.GetProperty("education").GetArrayLength());
        Assert.False(root.GetProperty("basics").TryGetProperty("phone", out _));
        Assert.DoesNotContain("legacyNames", body);
        var template = ResumeTemplates.Default().ForSlug("ml-engineer")!.Document;
        Assert.DoesNotContain(template.Basics!.Phone!, body);
        var (reread, problems) = ResumeReader.Read(root);
        Assert.Empty(problems);
        Assert.Empty(reread!.LegacyNames);
    }

    public static TheoryData<string, string> RealResumesAndFormats()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Resumes", "real-resumes"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file), "docx");
            data.Add(Path.GetFileName(file), "txt");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RealResumesAndFormats))]
    public async Task A_real_resume_s_docx_and_text_hold_its_author_s_words_and_none_of_the_template_s_guidance(string file, string format)
    {
        var json = RealResumeTests.Read(file);

        var response = await TailorAsync(format, json, track: "ai-engineer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = format == "txt" ? Encoding.UTF8.GetString(bytes) : DocxText(bytes);
        var body = RealResumeTests.Headings("ai-engineer").Aggregate(text, (rest, heading) => rest.Replace(heading, " ", StringComparison.OrdinalIgnoreCase));
        var leaked = RealResumeTests.Guidance().Where(guide => body.Contains(guide, StringComparison.Ordinal) && !json.Contains(guide, StringComparison.Ordinal)).ToList();
        Assert.Empty(leaked);
        var root = JsonDocument.Parse(json, ResumeReader.JsonOptions).RootElement;
        foreach (var job in root.TryGetProperty("work", out var work) ? work.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            var company = (job.TryGetProperty("name", out var name) ? name : job.GetProperty("company")).GetString()!.Trim();
            Assert.Contains(company, text);
        }
    }

    private static string DocxText(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return string.Join("\n", document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(paragraph => paragraph.InnerText));
    }

    [Theory]
    [InlineData("docx")]
    [InlineData("txt")]
    [InlineData("json")]
    public void The_command_line_writes_each_format(string format)
    {
        var (input, file) = (Path.Combine(AppContext.BaseDirectory, "Resumes", "full-resume.json"), Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.{format}"));
        var (output, error) = (new StringWriter(), new StringWriter());

        var code = CommandLine.Run(["resume", "render", "ml-engineer", "--in", input, "--format", format, "--out", file], output, error);

        Assert.Equal(CommandLine.Ok, code);
        Assert.Empty(error.ToString());
        Assert.Contains("Zoë Ångström", Text(format, file));
        File.Delete(file);
    }

    private static string Text(string format, string file)
    {
        if (format == "docx")
        {
            using var document = WordprocessingDocument.Open(file, false);
            return document.MainDocumentPart!.Document!.Body!.InnerText;
        }

        return format == "json"
            ? JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("basics").GetProperty("name").GetString()!
            : File.ReadAllText(file);
    }

    [Fact]
    public void An_unknown_format_on_the_command_line_is_explained()
    {
        var error = new StringWriter();

        var code = CommandLine.Run(["resume", "render", "ml-engineer", "--format", "odt", "--out", "x.odt"], new StringWriter(), error);

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains("'odt' is not a resume format. Use pdf, docx, txt or json.", error.ToString());
    }

    [Fact]
    public async Task The_page_offers_the_four_formats_for_the_template_and_downloads_the_chosen_one_without_javascript()
    {
        var page = WebUtility.HtmlDecode(await _app.Client.GetStringAsync("/resumes?track=ml-engineer"));
        var form = new MultipartFormDataContent
        {
            { new StringContent("ml-engineer"), "track" }, { new StringContent(FullResume), "json" }, { new StringContent("txt"), "format" }, { new StringContent("download"), "action" },
        };

        var download = await _app.Client.PostAsync("/resumes", form);

        foreach (var format in new[] { "docx", "txt", "json" })
        {
            Assert.Contains($"href=\"/api/resumes/ml-engineer?format={format}\"", page);
            Assert.Contains($"<option value=\"{format}\"", page);
        }

        Assert.Contains("href=\"/api/resumes/ml-engineer\"", page);
        Assert.Contains("<select id=\"format\" name=\"format\">", page);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", download.Content.Headers.ContentType!.ToString());
        Assert.StartsWith("Zoë Ångström\n", await download.Content.ReadAsStringAsync());
    }

    /// <summary>Each marker appears after the one before it; spaces are ignored, as PDF extractors place them differently.</summary>
    private static void AssertInOrder(IEnumerable<string> markers, string text)
    {
        var squeezed = string.Concat(text.Where(character => !char.IsWhiteSpace(character)));
        var position = 0;
        foreach (var marker in markers)
        {
            var found = squeezed.IndexOf(string.Concat(marker.Where(character => !char.IsWhiteSpace(character))), position, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{marker}' is missing, or comes before the marker before it");
            position = found + 1;
        }
    }
}
