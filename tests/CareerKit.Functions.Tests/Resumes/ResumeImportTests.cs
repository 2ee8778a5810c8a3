using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CareerKit.ImportAccuracy;
using CareerKit.Pdf.Document;
using CareerKit.Resumes;
using CareerKit.Resumes.Import;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Resumes;

/// <summary>
/// POST /api/resumes/import through the real app: CareerKit's own PDF and DOCX of real resumes come back field for
/// field, files made by other tools come back well enough to correct, and every bad file gets a 4xx that says why.
/// </summary>
public sealed class ResumeImportTests : IAsyncLifetime
{
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private CareerKitApp _app = null!;

    public async Task InitializeAsync() => _app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:PdfRendersPerClientPerMinute"] = "0" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Corpus(string file) => Path.Combine(AppContext.BaseDirectory, "Resumes", "ImportCorpus", file);

    private static ResumeDocument ReadResume(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(file), ResumeReader.JsonOptions);
        return ResumeReader.Read(json.RootElement).Resume!;
    }

    private static ResumeDocument ReadImported(JsonElement answer)
    {
        var (resume, problems) = ResumeReader.Read(answer.GetProperty("resume"));
        Assert.True(resume is not null, string.Join("; ", problems));
        return resume!;
    }

    private Task<HttpResponseMessage> UploadAsync(byte[] file, string fileName, string contentType)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return _app.Client.PostAsync("/api/resumes/import", new MultipartFormDataContent { { content, "file", fileName } });
    }

    private Task<HttpResponseMessage> PostRawAsync(byte[] file, string contentType)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return _app.Client.PostAsync("/api/resumes/import", content);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    public static TheoryData<string, string> RealResumesAndFormats()
    {
        var data = new TheoryData<string, string>();
        foreach (var (file, _) in RealResumeTests.ResumesAndTracks().Select(row => ((string)row[0], (string)row[1])).DistinctBy(row => row.Item1))
        {
            data.Add(file, "pdf");
            data.Add(file, "docx");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RealResumesAndFormats))]
    public async Task Our_own_pdf_and_docx_of_a_real_resume_import_back_with_every_scored_field(string file, string format)
    {
        var expected = ReadResume(Path.Combine(AppContext.BaseDirectory, "Resumes", "real-resumes", file));
        var template = _app.Services.GetRequiredService<ResumeTemplates>().ForSlug("ml-engineer")!;
        ResumeFormats.TryParse(format, out var kind);
        var rendered = _app.Services.GetRequiredService<ResumeRenderer>().Write(kind, ResumeTailor.Tailor(expected, template, _app.Services.GetRequiredService<ResumeTemplates>().SkillAliases), template, Paper.A4, "ml-engineer");

        var response = format == "pdf" ? await UploadAsync(rendered.Content, "resume.pdf", "application/pdf") : await PostRawAsync(rendered.Content, Docx);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ResumeJson.Schema, answer.GetProperty("resume").GetProperty("$schema").GetString());
        var score = FieldScore.Of(file, expected, ReadImported(answer));
        Assert.True(score.Misses.Count == 0, string.Join("\n", score.Misses));
    }

    public static TheoryData<string> OtherToolsFiles() =>
        [.. JsonDocument.Parse(File.ReadAllText(Corpus("manifest.json"))).RootElement.EnumerateArray().Select(item => item.GetProperty("file").GetString()!)];

    [Theory]
    [MemberData(nameof(OtherToolsFiles))]
    public async Task A_resume_made_by_another_tool_imports_its_name_contact_and_most_entry_fields(string file)
    {
        var item = JsonDocument.Parse(File.ReadAllText(Corpus("manifest.json"))).RootElement.EnumerateArray().Single(entry => entry.GetProperty("file").GetString() == file);
        var expected = ReadResume(Corpus(item.GetProperty("expected").GetString()!));

        var response = await UploadAsync(File.ReadAllBytes(Corpus(file)), file, "application/octet-stream");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var imported = ReadImported(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
        var score = FieldScore.Of(file, expected, imported);
        Assert.Equal(expected.Basics!.Name, imported.Basics?.Name);
        Assert.Equal(expected.Basics.Email, imported.Basics?.Email);
        Assert.Equal(score["urls"].Total, score["urls"].Right);
        Assert.True(score.Overall.Right >= 0.85 * score.Overall.Total, $"{score.Overall.Right}/{score.Overall.Total}\n{string.Join("\n", score.Misses)}");
    }

    [Fact]
    public async Task What_could_not_be_found_is_listed_as_a_doubt_with_its_json_path()
    {
        var resume = new ResumeDocument
        {
            Basics = new Basics("Ada Lovelace", null, null, "ada@example.com", null, null, null, null, []),
            Work = [new Work("Analytical Engines Ltd", "Programmer", null, new ResumeDate(2021, 3, null), null, null, ["Wrote the first program"]), new Work("Royal Society", "Correspondent", null, null, null, null, ["Translated Menabrea's paper"])],
        };
        var template = _app.Services.GetRequiredService<ResumeTemplates>().ForSlug("ml-engineer")!;
        var pdf = _app.Services.GetRequiredService<ResumeRenderer>().Render(resume, template, Paper.A4).Pdf;

        var response = await PostRawAsync(pdf, "application/pdf");

        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var doubts = answer.GetProperty("doubts").EnumerateArray().Select(doubt => $"{doubt.GetProperty("path").GetString()}: {doubt.GetProperty("message").GetString()}").ToList();
        Assert.Contains("basics.phone: not found", doubts);
        Assert.Contains("work[1].startDate: not found", doubts);
        Assert.Contains("work[1].endDate: not found", doubts);
        Assert.DoesNotContain(doubts, doubt => doubt.StartsWith("work[0].", StringComparison.Ordinal));
        var work = answer.GetProperty("resume").GetProperty("work");
        Assert.Equal("2021-03", work[0].GetProperty("startDate").GetString());
        Assert.False(work[0].TryGetProperty("endDate", out _)); // "Present": no end date.
        Assert.Equal("Royal Society", work[1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Nothing_of_an_uploaded_resume_is_logged()
    {
        var response = await UploadAsync(File.ReadAllBytes(Corpus("typst-reference-resume.pdf")), "zoe.pdf", "application/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var logs = string.Join("\n", _app.Logs.Lines);
        Assert.DoesNotContain("zoe@example.com", logs);
        Assert.DoesNotContain("Ångström", logs);
        Assert.DoesNotContain("Nordic Payments", logs);
    }

    [Fact]
    public async Task A_file_that_is_not_a_pdf_or_docx_is_refused_with_415_whatever_its_name_or_type()
    {
        var text = await UploadAsync(Encoding.UTF8.GetBytes("Ada Lovelace, programmer"), "resume.pdf", "application/pdf");
        var png = await PostRawAsync([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "application/pdf");
        var json = await _app.Client.PostAsync("/api/resumes/import", new StringContent("{}", Encoding.UTF8, "application/json"));
        var zip = await UploadAsync(Zip(("notes.txt", Encoding.UTF8.GetBytes("hello"))), "resume.docx", Docx);

        Assert.Contains("PDF or a Word document", (await ProblemAsync(text, HttpStatusCode.UnsupportedMediaType)).GetProperty("detail").GetString());
        await ProblemAsync(png, HttpStatusCode.UnsupportedMediaType);
        await ProblemAsync(json, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("This is not a Word document.", (await ProblemAsync(zip, HttpStatusCode.UnsupportedMediaType)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_encrypted_pdf_or_docx_is_refused_with_422_saying_so()
    {
        var pdf = await UploadAsync(File.ReadAllBytes(Corpus("bad/encrypted.pdf")), "resume.pdf", "application/pdf");
        // Word keeps a password-protected DOCX as an OLE compound file that holds an "EncryptedPackage" stream.
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504], .. Encoding.Unicode.GetBytes("EncryptedPackage"), .. new byte[512]];
        var docx = await UploadAsync(ole, "resume.docx", Docx);

        Assert.Contains("password", (await ProblemAsync(pdf, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString());
        Assert.Contains("password", (await ProblemAsync(docx, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_pdf_without_text_is_refused_with_422_asking_for_an_export_from_the_editor()
    {
        var response = await UploadAsync(HandMadePdf.Pages(2, text: null), "scan.pdf", "application/pdf");

        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("this PDF has no text; export it from your editor instead", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_file_over_5_mb_or_a_pdf_over_6_pages_is_refused_with_413_naming_the_limits()
    {
        var large = await PostRawAsync([.. "%PDF-1.4\n"u8, .. new byte[ResumeImporter.MaxUploadBytes]], "application/pdf");
        var largeUpload = await UploadAsync([.. "%PDF-1.4\n"u8, .. new byte[ResumeImporter.MaxUploadBytes]], "resume.pdf", "application/pdf");
        var longPdf = await PostRawAsync(HandMadePdf.Pages(7, "Ada Lovelace"), "application/pdf");
        var sixPages = await PostRawAsync(HandMadePdf.Pages(6, "Ada Lovelace"), "application/pdf");

        foreach (var response in new[] { large, largeUpload, longPdf })
        {
            var detail = (await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge)).GetProperty("detail").GetString();
            Assert.Contains("5 MB", detail);
            Assert.Contains("6 pages", detail);
        }

        Assert.Equal(HttpStatusCode.OK, sixPages.StatusCode);
    }

    [Fact]
    public async Task A_docx_that_unpacks_past_50_mb_or_holds_over_10_000_parts_is_refused_as_a_zip_bomb()
    {
        var huge = Zip(("word/document.xml", new byte[DocxPackageLimits.MaxUnpackedBytes + 1])); // Zeros: a few dozen KB packed.
        var many = Zip([("word/document.xml", "<w:document/>"u8.ToArray()), .. Enumerable.Range(0, DocxPackageLimits.MaxParts).Select(i => ($"word/media/part{i}.bin", new byte[1]))]);

        var unpacked = await UploadAsync(huge, "resume.docx", Docx);
        var parts = await UploadAsync(many, "resume.docx", Docx);

        Assert.Contains("50 MB", (await ProblemAsync(unpacked, HttpStatusCode.RequestEntityTooLarge)).GetProperty("detail").GetString());
        Assert.Contains("10,000 parts", (await ProblemAsync(parts, HttpStatusCode.RequestEntityTooLarge)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_docx_whose_zip_claims_small_sizes_but_inflates_past_50_mb_is_refused_without_inflating_it_all()
    {
        // The document part holds 60 MB of text; the zip's local header and central directory both say it holds 2 KB.
        var text = Encoding.ASCII.GetBytes("<w:p>" + new string('x', 1024 * 1024) + "</w:p>");
        var body = Enumerable.Range(0, 60).SelectMany(_ => text);
        var liar = LieAboutSizes(Zip(("word/document.xml", [.. "<w:document><w:body>"u8, .. body]), ("[Content_Types].xml", "<Types/>"u8.ToArray())), claimed: 2048);

        var response = await UploadAsync(liar, "resume.docx", Docx);

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("50 MB", problem.GetProperty("detail").GetString());
    }

    /// <summary>Writes <paramref name="claimed"/> as every entry's uncompressed size, in its local header and in the central directory.</summary>
    private static byte[] LieAboutSizes(byte[] zip, uint claimed)
    {
        for (var at = 0; at + 4 <= zip.Length; at++)
        {
            var signature = BitConverter.ToUInt32(zip, at);
            var sizeAt = signature switch { 0x04034b50 => at + 22, 0x02014b50 => at + 24, _ => -1 };
            if (sizeAt > 0 && sizeAt + 4 <= zip.Length)
            {
                BitConverter.TryWriteBytes(zip.AsSpan(sizeAt, 4), claimed);
            }
        }

        return zip;
    }

    [Fact]
    public async Task A_malformed_pdf_or_docx_is_refused_with_422()
    {
        var pdf = await PostRawAsync(Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage"), "application/pdf");
        var docx = await PostRawAsync([.. "PK\x03\x04"u8, .. Encoding.ASCII.GetBytes("not really a zip")], Docx);
        var notWord = await PostRawAsync(Zip(("word/document.xml", "<not-word/>"u8.ToArray())), Docx);

        Assert.Equal("This PDF could not be read.", (await ProblemAsync(pdf, HttpStatusCode.UnprocessableEntity)).GetProperty("title").GetString());
        Assert.Equal("This Word document could not be read.", (await ProblemAsync(docx, HttpStatusCode.UnprocessableEntity)).GetProperty("title").GetString());
        await ProblemAsync(notWord, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_multipart_post_without_the_file_field_gets_a_400()
    {
        var response = await _app.Client.PostAsync("/api/resumes/import", new MultipartFormDataContent { { new StringContent("Ada"), "name" } });

        Assert.Contains("\"file\"", (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Parsing_that_runs_past_its_time_bound_is_answered_422_took_too_long()
    {
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:ResumeImportSeconds"] = "0.001" }, realClock: true);
        var content = new ByteArrayContent(File.ReadAllBytes(Corpus("libreoffice-tedtschopp.pdf")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");

        var response = await app.Client.PostAsync("/api/resumes/import", content);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("took too long", await response.Content.ReadAsStringAsync());
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                entry.Write(content);
            }
        }

        return stream.ToArray();
    }
}
