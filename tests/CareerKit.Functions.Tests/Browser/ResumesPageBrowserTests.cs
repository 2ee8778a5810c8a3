using CareerKit.Pdf.Document;
using CareerKit.Resumes;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace CareerKit.Tests.Browser;

public sealed class ResumesPageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_reader_reviews_a_resume_then_downloads_it_as_a_pdf_and_as_word()
    {
        await using var app = await CareerKitApp.StartAsync();
        var page = await browser.NewPageAsync(acceptDownloads: true);
        await page.GotoAsync(app.BaseAddress.AbsoluteUri + "resumes");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("AI engineer").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show this track" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The AI engineer template" })).ToBeVisibleAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Lin Chen");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Skills Separated by commas." }).FillAsync("Python, RAG, Docker");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview and review" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("of the track's key skills");
        await Assertions.Expect(page.GetByAltText("Page 1 of your tailored resume")).ToBeVisibleAsync();
        var python = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Python", Exact = true }) });
        await Assertions.Expect(python).ToContainTextAsync("Listed only");
        await page.AssertAccessibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download", Exact = true }).ClickAsync());
        Assert.Equal("careerkit-ai-engineer-resume.pdf", download.SuggestedFilename);
        var file = Path.GetTempFileName();
        await download.SaveAsAsync(file);
        using var pdf = PdfDocument.Open(file);
        Assert.Contains("Lin Chen", pdf.GetPage(1).Text);

        await page.GetByLabel("Download as").SelectOptionAsync("docx");
        var docx = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download", Exact = true }).ClickAsync());
        Assert.Equal("careerkit-ai-engineer-resume.docx", docx.SuggestedFilename);
    }

    /// <summary>A PDF resume as the reader has it, written to a file to upload: no phone, so the import doubts it.</summary>
    private static string ResumePdf(CareerKitApp app)
    {
        var resume = new ResumeDocument
        {
            Basics = new Basics("Ada Lovelace", "Programmer", null, "ada@example.com", null, null, null, null, []),
            Work = [new Work("Analytical Engines Ltd", "Programmer", null, new ResumeDate(2021, 3, null), null, null, ["Wrote the first program, in 1843"])],
            Education = [new Education("University of London", null, "Mathematics", "BSc", new ResumeDate(2015, null, null), new ResumeDate(2018, null, null), null, [])],
        };
        var template = app.Services.GetRequiredService<ResumeTemplates>().ForSlug("ml-engineer")!;
        var file = Path.Combine(Path.GetTempPath(), $"ada-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, app.Services.GetRequiredService<ResumeRenderer>().Render(resume, template, Paper.A4).Pdf);
        return file;
    }

    [Fact]
    public async Task A_reader_uploads_a_pdf_corrects_a_field_and_downloads_a_pdf_with_the_correction()
    {
        await using var app = await CareerKitApp.StartAsync();
        var page = await browser.NewPageAsync(acceptDownloads: true);
        await page.GotoAsync(app.BaseAddress.AbsoluteUri + "resumes");

        await page.GetByLabel("Upload your resume").SetInputFilesAsync(ResumePdf(app));
        await page.GetByRole(AriaRole.Button, new() { Name = "Read my resume" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("We read your file.");
        await Assertions.Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Ada Lovelace");
        await Assertions.Expect(page.GetByText("Check: not found")).ToBeVisibleAsync(); // The phone, which the PDF does not have.
        await Assertions.Expect(page.GetByLabel("The rest of your resume")).ToContainTextAsync("Analytical Engines Ltd");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Machine learning engineer");
        await page.GetByLabel("Tailor for").SelectOptionAsync("ai-engineer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview and review" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your resume for the AI engineer track" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "An applicant-tracking system will read: …" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#parse-check + p")).ToContainTextAsync("every field as you wrote it");
        await page.AssertAccessibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download", Exact = true }).ClickAsync());
        Assert.Equal("careerkit-ai-engineer-resume.pdf", download.SuggestedFilename);
        var file = Path.GetTempFileName();
        await download.SaveAsAsync(file);
        using var pdf = PdfDocument.Open(file);
        Assert.Contains("Machine learning engineer", pdf.GetPage(1).Text);
        Assert.Contains("Analytical Engines Ltd", pdf.GetPage(1).Text);
    }

    [Theory]
    [InlineData(360, 740)]
    [InlineData(1280, 900)]
    public async Task The_prefilled_form_and_its_review_are_accessible_and_fit_the_screen(int width, int height)
    {
        await using var app = await CareerKitApp.StartAsync();
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync(app.BaseAddress.AbsoluteUri + "resumes");

        // By keyboard: the file chooser opens from the focused input, then Tab reaches the button that reads the file.
        var chooser = await page.RunAndWaitForFileChooserAsync(async () =>
        {
            await page.GetByLabel("Upload your resume").FocusAsync();
            await page.Keyboard.PressAsync("Space");
        });
        await chooser.SetFilesAsync(ResumePdf(app));
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Read my resume" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Ada Lovelace");
        await page.AssertAccessibleAsync();
        await AssertFitsAsync(page, width);

        await page.GetByRole(AriaRole.Button, new() { Name = "Preview and review" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "An applicant-tracking system will read: …" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await AssertFitsAsync(page, width);
    }

    /// <summary>Nothing wider than the screen: a phone never scrolls sideways (tables scroll inside their own region).</summary>
    private static async Task AssertFitsAsync(IPage page, int width)
    {
        var wider = await page.EvaluateAsync<string[]>("""
            w => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > w + 0.5 && !e.closest('.table-scroll'))
              .map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
            """, width);
        Assert.True(wider.Length == 0, "Wider than the screen: " + string.Join(", ", wider));
    }
}
