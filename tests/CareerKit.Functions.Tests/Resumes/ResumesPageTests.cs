using System.Net;
using CareerKit.Pdf.Document;
using CareerKit.Resumes;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace CareerKit.Tests.Resumes;

public sealed class ResumesPageTests : IAsyncLifetime
{
    private CareerKitApp _app = null!;

    public async Task InitializeAsync() => _app = await CareerKitApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(Dictionary<string, string> fields, (string Name, string Content)? file = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        if (file is { } upload)
        {
            form.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(upload.Content)), "file", upload.Name);
        }

        return _app.Client.PostAsync("/resumes", form);
    }

    private Task<HttpResponseMessage> UploadAsync(byte[] file, string fileName, Dictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent { { new StringContent("import"), "action" }, { new StringContent("ml-engineer"), "track" }, { new ByteArrayContent(file), "file", fileName } };
        foreach (var (name, value) in fields ?? [])
        {
            form.Add(new StringContent(value), name);
        }

        return _app.Client.PostAsync("/resumes", form);
    }

    /// <summary>A PDF the way CareerKit draws it: no phone, and a second job without dates, which the import doubts.</summary>
    private byte[] ResumePdf()
    {
        var resume = new ResumeDocument
        {
            Basics = new Basics("Ada Lovelace", "ML Engineer", null, "ada@example.com", null, null, null, null, []),
            Work = [new Work("Analytical Engines Ltd", "Programmer", null, new ResumeDate(2021, 3, null), null, null, ["Wrote the first program"]), new Work("Royal Society", "Correspondent", null, null, null, null, ["Translated Menabrea's paper"])],
        };
        var template = _app.Services.GetRequiredService<ResumeTemplates>().ForSlug("ml-engineer")!;
        return _app.Services.GetRequiredService<ResumeRenderer>().Render(resume, template, Paper.A4).Pdf;
    }

    [Fact]
    public async Task An_uploaded_pdf_answers_the_form_prefilled_with_what_was_read_and_its_doubts_next_to_the_fields()
    {
        var response = await UploadAsync(ResumePdf(), "ada.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("We read your file.", page);
        Assert.Contains("id=\"name\" name=\"name\" value=\"Ada Lovelace\"", page);
        Assert.Contains("id=\"email\" name=\"email\" value=\"ada@example.com\"", page);
        Assert.Contains("<span class=\"doubt\" id=\"phone-doubt\">Check: not found</span><input type=\"tel\" id=\"phone\" name=\"phone\" value=\"\" autocomplete=\"tel\" aria-describedby=\"phone-doubt\">", page);
        Assert.Contains("<li>work[1].startDate: not found</li>", page);
        var json = page[page.IndexOf("<textarea id=\"json\"", StringComparison.Ordinal)..];
        json = json[(json.IndexOf('>') + 1)..json.IndexOf("</textarea>", StringComparison.Ordinal)];
        Assert.Contains("\"name\": \"Analytical Engines Ltd\"", json);
        Assert.Contains("\"startDate\": \"2021-03\"", json);
        Assert.DoesNotContain("Ada Lovelace", json); // The name is in its field, one place to correct it.
    }

    [Fact]
    public async Task The_corrected_prefilled_form_downloads_a_pdf_with_the_correction()
    {
        var imported = WebUtility.HtmlDecode(await (await UploadAsync(ResumePdf(), "ada.pdf")).Content.ReadAsStringAsync());
        var json = imported[imported.IndexOf("<textarea id=\"json\"", StringComparison.Ordinal)..];
        json = json[(json.IndexOf('>') + 1)..json.IndexOf("</textarea>", StringComparison.Ordinal)];

        var response = await PostAsync(new() { ["track"] = "ai-engineer", ["name"] = "Ada King", ["email"] = "ada@example.com", ["json"] = json, ["action"] = "download" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = pdf.GetPage(1).Text;
        Assert.Contains("Ada King", text);
        Assert.Contains("Analytical Engines Ltd", text);
        Assert.DoesNotContain("Lovelace", text);
    }

    [Theory]
    [InlineData("scan.pdf", "GIF89a not a resume", 415, "This is not a PDF or Word document.")]
    [InlineData("resume.docx", "PK\u0003\u0004 not really a zip", 422, "This Word document could not be read.")]
    public async Task A_file_the_import_refuses_is_answered_next_to_the_upload_with_the_import_s_message(string name, string content, int status, string message)
    {
        var response = await UploadAsync(System.Text.Encoding.ASCII.GetBytes(content), name);

        Assert.Equal(status, (int)response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains($"<span class=\"error\" id=\"file-error\">{message}", page);
        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"file-error\"", page);
    }

    [Fact]
    public async Task A_file_over_5_mb_is_answered_413_next_to_the_upload_naming_the_limits()
    {
        var response = await UploadAsync([.. "%PDF-1.4\n"u8, .. new byte[CareerKit.Resumes.Import.ResumeImporter.MaxUploadBytes]], "big.pdf");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 5 MB and 6 pages", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_review_shows_what_an_applicant_tracking_system_reads_and_names_each_mismatch()
    {
        const string json = """{ "basics": { "name": "𗀀𗀁 Lee", "email": "lee@example.com" }, "work": [ { "name": "Acme", "position": "Data Scientist", "startDate": "2021-03" } ] }""";

        var response = await PostAsync(new() { ["track"] = "ml-engineer", ["json"] = json, ["action"] = "review" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("An applicant-tracking system will read: …", page);
        Assert.Contains("It reads 1 field(s) differently from what you wrote:", page);
        Assert.Contains("<li><code>basics.name</code>: name: you wrote “𗀀𗀁 Lee”; a parser", page);
        Assert.Contains("<dt>Email</dt><dd>lee@example.com</dd>", page);
        Assert.Contains("<dt>Experience 1: organisation</dt><dd>Acme</dd>", page);
        Assert.True(page.IndexOf("An applicant-tracking system will read", StringComparison.Ordinal) < page.IndexOf("Happy with it?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_page_offers_the_template_download_and_its_preview()
    {
        var page = await _app.Client.GetStringAsync("/resumes?track=ai-engineer");

        Assert.Contains("href=\"/api/resumes/ai-engineer\"", page);
        Assert.Contains("src=\"/api/resumes/ai-engineer/preview.png?page=1\"", page);
        Assert.Contains("The AI engineer template", page);
    }

    [Fact]
    public async Task The_short_form_gets_a_review_and_a_preview_before_download()
    {
        var response = await PostAsync(new() { ["track"] = "ml-engineer", ["name"] = "Lin Chen", ["skills"] = "Python, SQL, Spark", ["jobDescription"] = "Spark and Airflow. More Airflow.", ["action"] = "review" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("It shows 16% of the track's key skills.", page.Replace("<strong>", "").Replace("</strong>", ""));
        Assert.Contains("The job description keeps asking for: Airflow (2×).", page);
        Assert.Contains("src=\"data:image/png;base64,", page);
        Assert.Contains("value=\"Lin Chen\"", page);
    }

    [Fact]
    public async Task Characters_no_font_has_are_named_by_code_point_above_the_preview()
    {
        var response = await PostAsync(new() { ["track"] = "ml-engineer", ["name"] = "Lin Chen 🫠", ["skills"] = "Python", ["action"] = "review" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("No font in the PDF has “🫠” (U+1FAE0): the PDF shows each as □.", page);
    }

    [Fact]
    public async Task The_form_s_track_field_picks_the_template_without_a_query_string()
    {
        var response = await PostAsync(new() { ["track"] = "ai-engineer", ["name"] = "Lin Chen", ["skills"] = "Python, RAG", ["action"] = "review" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Your resume for the AI engineer track", page);
        Assert.Contains("Key skills not shown yet: LLM APIs, Prompt engineering, Fine-tuning, Model Context Protocol, TypeScript, Go or Java, CI/CD, Git and GitHub, Docker, Vector databases.", page);
        Assert.Contains("<option value=\"ai-engineer\" selected>AI engineer</option>", page);
    }

    [Fact]
    public async Task Pasted_json_with_comments_and_dates_written_other_ways_is_reviewed_with_each_date_s_reading()
    {
        const string json = """{ "basics": { "name": "Lin Chen", }, /* by hand */ "work": [ { "name": "Acme", "startDate": "Aug 2019", "endDate": "present" } ] }""";

        var response = await PostAsync(new() { ["track"] = "ml-engineer", ["json"] = json, ["action"] = "review" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<code>work[0].startDate</code>: “Aug 2019” as 2019-08, <code>work[0].endDate</code>: “present” as no end date (still there)", page);
    }

    [Fact]
    public async Task An_uploaded_json_resume_downloads_as_the_tailored_pdf()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Resumes", "full-resume.json"));

        var response = await PostAsync(new() { ["track"] = "ai-engineer", ["action"] = "download" }, ("resume.json", json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var document = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Zoë", document.GetPage(1).Text);
    }

    [Fact]
    public async Task The_review_lists_the_sections_left_out_with_advice_and_the_pre_1_0_names_it_read()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Resumes", "real-resumes", "ayastrebov.json"));

        var response = await PostAsync(new() { ["track"] = "ml-engineer", ["json"] = json, ["action"] = "review" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Sections your resume leaves out", page);
        Assert.Contains("<dt>Machine learning projects</dt><dd>A project that goes past the notebook", page);
        Assert.Contains("<dt>Certificates</dt>", page);
        Assert.DoesNotContain("<dt>Experience</dt>", page);
        Assert.Contains("<code>work[].company</code> as <code>work[].name</code>", page);
    }

    [Fact]
    public async Task A_resume_without_a_name_is_refused_next_to_the_input()
    {
        var response = await PostAsync(new() { ["track"] = "ml-engineer", ["json"] = """{ "basics": { "email": "kim@example.com" } }""", ["action"] = "download" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("id=\"json-error\">basics.name: your name is missing", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Problems_in_pasted_json_are_shown_next_to_the_input()
    {
        var response = await PostAsync(new() { ["track"] = "ml-engineer", ["json"] = """{ "work": [ { "endDate": "2021-02-45" } ] }""", ["action"] = "review" });
        var malformed = await PostAsync(new() { ["track"] = "ml-engineer", ["json"] = "{ nope", ["action"] = "review" });
        var empty = await PostAsync(new() { ["track"] = "ml-engineer", ["action"] = "review" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("id=\"json-error\">work[0].endDate: \"2021-02-45\" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (also read: MM/YYYY, \"Aug 2019\", and \"Present\" for an end date)", page);
        Assert.Contains("this is not valid JSON", WebUtility.HtmlDecode(await malformed.Content.ReadAsStringAsync()));
        Assert.Contains("Upload your resume, paste a JSON Resume, or fill in at least your name.", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("""{ "basics": { "name": "A\ud800B" } }""", "basics.name: contains text that is not valid UTF-8")]
    [InlineData("""{ "basics": { "name": "ARAWB" } }""", "json: contains bytes that are not valid UTF-8")]
    public async Task A_lone_surrogate_or_invalid_utf8_in_the_pasted_or_uploaded_json_is_shown_next_to_the_input(string json, string problem)
    {
        var bytes = CareerKit.Tests.Subscriptions.BadInputTests.BodyWith(json);
        var pasted = new MultipartFormDataContent { { new StringContent("review"), "action" }, { new ByteArrayContent(bytes), "json" } };
        var uploaded = new MultipartFormDataContent { { new StringContent("review"), "action" }, { new ByteArrayContent(bytes), "file", "resume.json" } };

        foreach (var form in new[] { pasted, uploaded })
        {
            var response = await _app.Client.PostAsync("/resumes", form);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"id=\"json-error\">{problem}", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
    }
}
