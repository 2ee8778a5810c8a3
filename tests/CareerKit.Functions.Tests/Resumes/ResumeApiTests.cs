using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using CareerKit.Resumes;
using CareerKit.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace CareerKit.Tests.Resumes;

public sealed class ResumeApiTests : IAsyncLifetime
{
    private CareerKitApp _app = null!;

    public async Task InitializeAsync() => _app = await CareerKitApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().Select(page => string.Join(" ", page.GetWords().Select(word => word.Text))));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("ml-engineer", "MACHINE LEARNING PROJECTS", "EXPERIENCE", "MACHINE LEARNING PROJECTS")]
    [InlineData("ai-engineer", "AI PRODUCTS AND PROJECTS", "AI PRODUCTS AND PROJECTS", "EXPERIENCE")]
    public async Task A_track_template_downloads_as_a_cacheable_pdf_in_the_track_s_section_order(string track, string projects, string before, string after)
    {
        var response = await _app.Client.GetAsync($"/api/resumes/{track}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"careerkit-{track}-resume.pdf", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("max-age=86400", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
        var text = Text(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(projects, text);
        Assert.True(text.IndexOf(before, StringComparison.Ordinal) < text.IndexOf(after, StringComparison.Ordinal), $"{before} should come before {after}");
    }

    [Fact]
    public async Task The_template_pdf_is_stored_under_its_content_key_and_revalidates_with_its_etag()
    {
        var first = await _app.Client.GetAsync("/api/resumes/ml-engineer?paper=letter");
        var etag = first.Headers.ETag!;

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/resumes/ml-engineer?paper=letter");
        request.Headers.IfNoneMatch.Add(etag);
        var again = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        var blobs = new BlobServiceClient((await Azurite.InstanceAsync()).ConnectionString).GetBlobContainerClient(TemplatePdfCache.ContainerName);
        var stored = blobs.GetBlobs(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "ml-engineer/", CancellationToken.None).Select(blob => blob.Name).ToList();
        Assert.Contains($"ml-engineer/{etag.Tag.Trim('"')}.pdf", stored);
        using var document = PdfDocument.Open(await first.Content.ReadAsByteArrayAsync());
        Assert.Equal(612, Math.Round(document.GetPage(1).Width));
    }

    [Fact]
    public async Task An_unknown_track_is_a_404_listing_the_valid_tracks()
    {
        var response = await _app.Client.GetAsync("/api/resumes/data-scientist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Valid tracks: ml-engineer, ai-engineer", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("both")] // Both tracks have no template of their own: a reader picks one.
    [InlineData("ml")]   // A newsletter track code is not a template's slug.
    public async Task A_track_without_a_resume_template_is_a_404_listing_the_templates_there_are(string track)
    {
        var response = await _app.Client.GetAsync($"/api/resumes/{track}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"'{track}' is not a track. Valid tracks: ml-engineer, ai-engineer.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_paper_size_is_a_400()
    {
        var response = await _app.Client.GetAsync("/api/resumes/ai-engineer?paper=a3");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Use a4 or letter", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_full_json_resume_is_tailored_into_a_pdf_with_every_section_and_key_skills_first()
    {
        var body = ResumeReaderTests.FullResume().GetRawText();

        var response = await _app.Client.PostAsync("/api/resumes/ml-engineer", Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = Text(await response.Content.ReadAsByteArrayAsync());
        foreach (var expected in new[]
        {
            "Zoë Ångström", "zoe@example.com", "Stockholm", "github.com/zoe-a", "I build fraud", "Cut fraud losses by 18%", "Mar 2021 – Present",
            "Code Club", "KTH", "Courses: Statistics, Linear algebra", "Best Paper", "Azure Data Scientist Associate", "Calibrated Fraud Scores",
            "Swedish (Native)", "Running: Trail, Marathon", "Zoë is the engineer you want on call.", "Open fraud benchmark",
        })
        {
            Assert.Contains(expected, text);
        }

        Assert.Contains("Languages: Python, SQL, Rust (Expert)", text);
        Assert.Contains("Tools: PyTorch, Docker, Kubernetes (Advanced)", text);
        Assert.True(text.IndexOf("Languages: Python", StringComparison.Ordinal) < text.IndexOf("Tools: PyTorch", StringComparison.Ordinal), "the group whose key skills rank higher leads");
    }

    [Fact]
    public async Task Sections_the_reader_leaves_out_stay_out_of_the_pdf()
    {
        var response = await _app.Client.PostAsync("/api/resumes/ai-engineer", Json("""{ "basics": { "name": "Lin Chen", "email": "lin@example.com" } }"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Text(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Lin Chen", text);
        Assert.Contains("lin@example.com", text);
        foreach (var absent in new[] { "AI Engineer", "+00 000 000 000", "your-portfolio", "your-handle", "AI PRODUCTS AND PROJECTS", "An AI feature people can use", "EXPERIENCE", "EDUCATION", "CERTIFICATES", "SKILLS" })
        {
            Assert.DoesNotContain(absent, text);
        }
    }

    [Fact]
    public async Task A_resume_with_trailing_commas_comments_and_dates_written_other_ways_is_tailored_and_the_review_says_how_each_date_was_read()
    {
        const string resume = """
            {
              // Exported from an editor that keeps comments.
              "basics": { "name": "Priya Raman", "email": "priya@example.com", },
              "work": [
                { "name": "Fraudlytics", "position": "ML Engineer", "startDate": "08/2019", "endDate": "Present", },
                /* The job before. */
                { "name": "Northwind Labs", "position": "Data Scientist", "startDate": "2017-03", "endDate": "2019-07", },
              ],
              "education": [ { "institution": "KTH", "area": "Computer Science", "startDate": "2020", "endDate": "2024-09-31" } ],
            }
            """;

        var response = await _app.Client.PostAsync("/api/resumes/ml-engineer", Json(resume));
        var reviewed = await _app.Client.PostAsync("/api/resumes/ml-engineer/review", Json(resume));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Text(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Aug 2019 – Present", text);
        Assert.Contains("Mar 2017 – Jul 2019", text);
        Assert.Contains("2020 – Sep 2024", text);
        Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);
        var review = JsonDocument.Parse(await reviewed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(
        [
            "work[0].startDate: 08/2019 → 2019-08",
            "work[0].endDate: Present → no end date (still there)",
            "education[0].endDate: 2024-09-31 → 2024-09 (September 2024 has no day 31; the day is left out)",
        ], review.GetProperty("interpretedDates").EnumerateArray()
            .Select(date => $"{date.GetProperty("path").GetString()}: {date.GetProperty("written").GetString()} → {date.GetProperty("readAs").GetString()}"));
    }

    [Fact]
    public async Task An_invalid_resume_is_a_400_naming_each_problem_by_path()
    {
        var response = await _app.Client.PostAsync("/api/resumes/ml-engineer", Json("""{ "work": [ { "startDate": "2020-13" } ], "skills": 5 }"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("The resume has 2 problem(s).", problem.GetProperty("title").GetString());
        Assert.Equal("\"2020-13\" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (also read: MM/YYYY, \"Aug 2019\", and \"Present\" for an end date)", problem.GetProperty("errors").GetProperty("work[0].startDate")[0].GetString());
        Assert.Equal("must be a list, not a number", problem.GetProperty("errors").GetProperty("skills")[0].GetString());
    }

    [Fact]
    public async Task Malformed_json_wrong_content_type_and_oversize_bodies_are_4xx()
    {
        var malformed = await _app.Client.PostAsync("/api/resumes/ml-engineer", Json("{ \"basics\": "));
        var wrongType = await _app.Client.PostAsync("/api/resumes/ml-engineer", new StringContent("name: Ada", Encoding.UTF8, "text/yaml"));
        var summary = new string('x', 4000);
        var huge = "{ \"work\": [" + string.Join(",", Enumerable.Repeat($$"""{ "summary": "{{summary}}" }""", 70)) + "] }";
        var oversize = await _app.Client.PostAsync("/api/resumes/ml-engineer", Json(huge));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversize.StatusCode);
    }

    [Fact]
    public async Task A_resume_larger_than_the_sign_up_limit_but_under_256_KB_is_accepted()
    {
        var highlights = string.Join(",", Enumerable.Repeat("\"Shipped a model that moved a metric by a number worth mentioning\"", 100));
        var job = $$"""{ "name": "Acme", "highlights": [{{highlights}}] }""";
        var body = $$"""{ "basics": { "name": "Long Resume" }, "work": [ {{job}}, {{job}}, {{job}} ] }""";
        Assert.True(Encoding.UTF8.GetByteCount(body) > 16 * 1024);

        var response = await _app.Client.PostAsync("/api/resumes/ml-engineer", Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        Assert.True(document.NumberOfPages >= 2);
    }

    [Fact]
    public async Task Characters_no_font_covers_are_reported_in_a_header_and_unsafe_urls_are_not_linked()
    {
        var response = await _app.Client.PostAsync("/api/resumes/ai-engineer", Json("""
            { "basics": { "name": "Wei 𗀀 Chen", "url": "javascript:alert(1)", "profiles": [ { "network": "GitHub", "username": "wei", "url": "https://github.com/wei" } ] } }
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("U+17000", response.Headers.GetValues(ResumesApi.MissingCharactersHeader).Single());
        using var document = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var links = document.GetPages().SelectMany(page => page.GetHyperlinks()).Select(link => link.Uri).ToList();
        Assert.Contains("https://github.com/wei", links);
        Assert.DoesNotContain(links, link => link.StartsWith("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("javascript:alert(1)", Text(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A_preview_page_or_store_flag_that_is_not_a_number_or_true_false_is_a_400_naming_it()
    {
        var page = await _app.Client.GetAsync("/api/resumes/ai-engineer/preview.png?page=two");
        var store = await _app.Client.PostAsync("/api/resumes/ai-engineer?store=maybe", Json("""{ "basics": { "name": "Ada Lovelace" } }"""));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal("application/problem+json", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'two' is not a whole number", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, store.StatusCode);
        Assert.Contains("'maybe' is not true or false", await store.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_preview_is_a_png_of_the_template_s_first_page()
    {
        var response = await _app.Client.GetAsync("/api/resumes/ai-engineer/preview.png?page=1");
        var missing = await _app.Client.GetAsync("/api/resumes/ai-engineer/preview.png?page=9");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("has 1 page(s)", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_review_reports_key_skills_shown_and_missing_and_what_the_job_ad_keeps_asking_for()
    {
        var body = """
            {
              "skills": [ { "name": "Core", "keywords": ["Python", "SQL", "Docker"] } ],
              "work": [ { "highlights": ["Trained PyTorch models on AWS"] } ],
              "jobDescription": "We need Kubernetes and Spark. You will run Kubernetes clusters, write Spark jobs and Python. Kubernetes on-call."
            }
            """;

        var response = await _app.Client.PostAsync("/api/resumes/ml-engineer/review", Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var review = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var shown = review.GetProperty("keySkillsShown").EnumerateArray().Select(skill => skill.GetString()).ToList();
        Assert.Equal(["Python", "SQL", "PyTorch", "Docker", "AWS, Azure or GCP"], shown);
        Assert.Contains("Statistics", review.GetProperty("keySkillsMissing").EnumerateArray().Select(skill => skill.GetString()));
        var terms = review.GetProperty("jobTermsMissing").EnumerateArray().Select(term => (term.GetProperty("term").GetString(), term.GetProperty("count").GetInt32())).ToList();
        Assert.Equal([("Kubernetes", 3), ("Spark", 2)], terms);
        Assert.Equal(41, review.GetProperty("coveragePercent").GetInt32());
    }

    [Fact]
    public async Task Five_hundred_work_entries_are_a_422_stating_the_limit()
    {
        var work = string.Join(",", Enumerable.Repeat("""{ "name": "Acme" }""", 500));

        var response = await _app.Client.PostAsync("/api/resumes/ml-engineer", Json($$"""{ "work": [{{work}}] }"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("has 500 entries; a resume section can have at most 100", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/resumes/ml-engineer", """{ "basics": { "name": "A\ud800B" } }""", "basics.name")]
    [InlineData("/api/resumes/ml-engineer", """{ "work": [ { "name": "Acme", "highlights": [ "ok", "bRAWad" ] } ] }""", "work[0].highlights[1]")]
    [InlineData("/api/resumes/ml-engineer/review", """{ "basics": { "name": "Ada" }, "jobDescription": "Python \udfff" }""", "jobDescription")]
    [InlineData("/api/resumes/ml-engineer/review", """{ "basics": { "name": "Ada" }, "jobDescription": "Python RAW" }""", "jobDescription")]
    public async Task A_lone_surrogate_or_invalid_utf8_anywhere_in_the_json_is_a_400_naming_its_path(string path, string body, string at)
    {
        var content = new ByteArrayContent(CareerKit.Tests.Subscriptions.BadInputTests.BodyWith(body)) { Headers = { ContentType = new("application/json") } };

        var response = await _app.Client.PostAsync(path, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("not valid UTF-8", problem.GetProperty("errors").GetProperty(at)[0].GetString());
    }

    [Fact]
    public async Task A_3000_character_unbroken_company_name_is_broken_across_lines_not_refused()
    {
        var company = new string('Ж', 3_000); // Wide, and in no template text.

        var response = await _app.Client.PostAsync("/api/resumes/ml-engineer", Json($$"""{ "basics": { "name": "Ada Lovelace" }, "work": [ { "position": "Engineer", "name": "{{company}}", "startDate": "2020-01" } ] }"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(3_000, document.GetPages().Sum(page => page.Letters.Count(letter => letter.Value == "Ж")));
    }

    [Fact]
    public async Task A_resume_that_would_run_over_200_pages_is_a_422_naming_the_limit()
    {
        // Within every per-field limit, but 100 jobs and 100 projects of 100 one-line highlights each: about 350 pages.
        var highlights = string.Join(",", Enumerable.Repeat("\"x\"", 100));
        var entries = string.Join(",", Enumerable.Repeat($$"""{ "name": "Acme", "highlights": [{{highlights}}] }""", 100));

        var response = await _app.Client.PostAsync("/api/resumes/ml-engineer", Json($$"""{ "basics": { "name": "Ada Lovelace" }, "work": [{{entries}}], "projects": [{{entries}}] }"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("at most 200 pages", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ten_thousand_highlights_are_a_422_naming_the_limit()
    {
        var highlights = string.Join(",", Enumerable.Repeat("\"x\"", 10_000));

        var response = await _app.Client.PostAsync("/api/resumes/ml-engineer", Json($$"""{ "work": [ { "name": "Acme", "highlights": [{{highlights}}] } ] }"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal($"has 10000 entries; a list can have at most 100", errors.GetProperty("work[0].highlights")[0].GetString());
    }

    [Fact]
    public async Task A_list_item_that_is_too_long_or_holds_control_characters_is_reported_at_its_path()
    {
        var longItem = new string('x', 2_001);

        var response = await _app.Client.PostAsync("/api/resumes/ml-engineer", Json($$"""{ "skills": [ { "name": "ML", "keywords": [ "Python", "{{longItem}}", "bell\u0007" ] } ] }"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal("is 2001 characters long; at most 2000", errors.GetProperty("skills[0].keywords[1]")[0].GetString());
        Assert.Equal("contains control characters; remove them", errors.GetProperty("skills[0].keywords[2]")[0].GetString());
    }

    [Fact]
    public async Task With_store_the_pdf_is_kept_privately_behind_a_link_that_expires_in_24_hours()
    {
        var response = await _app.Client.PostAsync("/api/resumes/ml-engineer?store=true", Json("""{ "basics": { "name": "Stored Person" } }"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var link = new Uri(answer.GetProperty("url").GetString()!);
        Assert.Equal(_app.Time.GetUtcNow().AddHours(24), answer.GetProperty("expiresAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.Contains("sp=r", link.Query);

        using var anonymous = new HttpClient();
        var pdf = await anonymous.GetAsync(link);
        var withoutToken = await anonymous.GetAsync(link.GetLeftPart(UriPartial.Path));
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Contains("Stored Person", Text(await pdf.Content.ReadAsByteArrayAsync()));
        Assert.False(withoutToken.IsSuccessStatusCode, "the container is private");
    }

    [Fact]
    public async Task The_api_also_takes_the_web_form_fields()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Form Person", ["email"] = "form@example.com", ["skills"] = "Python, RAG" });

        var response = await _app.Client.PostAsync("/api/resumes/ai-engineer", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Text(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Form Person", text);
        Assert.Contains("Skills: RAG, Python", text);
    }

    [Fact]
    public async Task A_ten_thousand_character_word_is_broken_across_lines_not_refused()
    {
        var word = new string('ž', 10_000);

        var response = await _app.Client.PostAsync("/api/resumes/ml-engineer", Json($$"""{ "basics": { "name": "Long Word", "summary": "{{word}}" } }"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(10_000, document.GetPages().Sum(page => page.Letters.Count(letter => letter.Value == "ž")));
    }

    [Fact]
    public async Task Right_to_left_text_Chinese_and_emoji_are_drawn_and_an_emoji_newer_than_every_font_is_reported()
    {
        var response = await _app.Client.PostAsync("/api/resumes/ai-engineer", Json("""{ "basics": { "name": "Noa שלום Levi 🧠 陈伟 🫠" } }"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("U+1FAE0", response.Headers.GetValues(ResumesApi.MissingCharactersHeader).Single());
        var text = Text(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Noa", text);
        Assert.Contains("Levi 🧠 陈伟 □", text);
        Assert.True("שלום".All(letter => text.Contains(letter)), "the Hebrew letters are drawn");
    }

    [Theory]
    [InlineData("ml-engineer")]
    [InlineData("ai-engineer")]
    public async Task Poppler_reads_each_template_in_reading_order_with_plain_letters(string track)
    {
        const string pdftotext = "/usr/bin/pdftotext";
        Assert.True(File.Exists(pdftotext), "pdftotext is missing: apt-get install -y poppler-utils");
        var file = Path.GetTempFileName();
        File.WriteAllBytes(file, await _app.Client.GetByteArrayAsync($"/api/resumes/{track}"));

        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(pdftotext, ["-layout", file, "-"]) { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        var order = new[] { "Your Name", "SUMMARY", "SKILLS", "EXPERIENCE", "EDUCATION", "CERTIFICATES" }.Select(heading => text.IndexOf(heading, StringComparison.Ordinal)).ToList();
        Assert.All(order, index => Assert.True(index >= 0));
        Assert.Equal(order.Order(), order);
        Assert.DoesNotContain(text, character => character is '\uFB01' or '\uFB02' or '\uFB03' or '\uFB04');
    }
}
