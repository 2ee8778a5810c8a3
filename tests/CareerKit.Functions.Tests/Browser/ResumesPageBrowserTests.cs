using CareerKit.Tests.Infrastructure;
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
}
