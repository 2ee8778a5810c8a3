using System.Diagnostics;
using CareerKit.Cli;

namespace CareerKit.Tests.Resumes;

/// <summary>
/// What applicant-tracking parsers need to tell a resume's fields apart, read back with Poppler's pdftotext in
/// content-stream order (-raw), the order a parser sees.
/// </summary>
public sealed class ParserLayoutTests
{
    private static List<string> RenderedLines(string track = "ml-engineer")
    {
        var (input, pdf) = (Path.Combine(AppContext.BaseDirectory, "Resumes", "full-resume.json"), Path.GetTempFileName());
        var code = CommandLine.Run(["resume", "render", track, "--in", input, "--out", pdf], TextWriter.Null, TextWriter.Null);
        Assert.Equal(CommandLine.Ok, code);

        using var process = Process.Start(new ProcessStartInfo("/usr/bin/pdftotext", ["-raw", pdf, "-"]) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return [.. text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
    }

    [Fact]
    public void An_entry_reads_organisation_and_dates_then_the_position_on_its_own_line_then_its_body()
    {
        var lines = RenderedLines();

        var job = lines.IndexOf("Klarna-like Payments Mar 2021 – Present");
        Assert.True(job >= 0, string.Join("\n", lines));
        Assert.Equal(["ML Engineer", "Fraud scoring team."], lines[(job + 1)..(job + 3)]);
        var school = lines.IndexOf("KTH 2013 – 2018");
        Assert.True(school >= 0, string.Join("\n", lines));
        Assert.Equal("MSc in Applied Mathematics", lines[school + 1]);
    }

    [Fact]
    public void Profile_and_project_addresses_are_printed_as_text_not_only_linked()
    {
        var lines = RenderedLines();

        Assert.Contains(lines, line => line.Contains("github.com/zoe-a ·", StringComparison.Ordinal) || line.EndsWith("github.com/zoe-a", StringComparison.Ordinal));
        var project = lines.IndexOf("Open fraud benchmark 2022 – 2023");
        Assert.True(project >= 0, string.Join("\n", lines));
        Assert.Equal("github.com/zoe-a/fraud-bench", lines[project + 1]);
    }

    [Theory]
    [InlineData("ml-engineer", "MACHINE LEARNING PROJECTS")]
    [InlineData("ai-engineer", "AI PRODUCTS AND PROJECTS")]
    public void Section_headings_are_capitals_parsers_take_for_headings_and_no_page_footer_breaks_into_an_entry(string track, string projects)
    {
        var lines = RenderedLines(track);

        Assert.Contains("EXPERIENCE", lines);
        Assert.Contains("EDUCATION", lines);
        Assert.Contains(projects, lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("Page ", StringComparison.Ordinal));
    }
}
