using System.Diagnostics;
using System.Text.Json;
using CareerKit.Cli;
using CareerKit.Resumes;
using UglyToad.PdfPig;

namespace CareerKit.Tests.Resumes;

/// <summary>
/// What applicant-tracking parsers need to tell a resume's fields apart, read back with Poppler's pdftotext in
/// content-stream order (-raw), the order a parser sees.
/// </summary>
public sealed class ParserLayoutTests
{
    private static string Render(string input, string track)
    {
        var pdf = Path.GetTempFileName();
        Assert.Equal(CommandLine.Ok, CommandLine.Run(["resume", "render", track, "--in", input, "--out", pdf], TextWriter.Null, TextWriter.Null));
        return pdf;
    }

    private static List<string> RenderedLines(string track = "ml-engineer") =>
        PdfToText(Render(Path.Combine(AppContext.BaseDirectory, "Resumes", "full-resume.json"), track));

    private static List<string> PdfToText(string pdf)
    {
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

    [Theory]
    [MemberData(nameof(RealResumeTests.ResumesAndTracks), MemberType = typeof(RealResumeTests))]
    public void Every_position_school_and_profile_address_of_a_real_resume_comes_back_whole_from_pdftotext_and_PdfPig(string file, string track)
    {
        var input = Path.Combine(AppContext.BaseDirectory, "Resumes", "real-resumes", file);
        var pdf = Render(input, track);
        var poppler = string.Join(" ", PdfToText(pdf));
        using var document = PdfDocument.Open(pdf);
        var pdfPig = string.Join(" ", document.GetPages().SelectMany(page => page.GetWords()).Select(word => word.Text));

        var root = JsonDocument.Parse(File.ReadAllText(input), ResumeReader.JsonOptions).RootElement;
        var expected = Strings(root, "work", "position").Concat(Strings(root, "education", "institution"))
            .Concat(Strings(root.GetProperty("basics"), "profiles", "url").Select(url => url.Replace("https://", "").Replace("http://", "").Replace("www.", "").TrimEnd('/')))
            .Select(value => string.Join(" ", value.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
        Assert.NotEmpty(expected);
        Assert.All(expected, value => Assert.Contains(value, poppler));
        Assert.All(expected, value => Assert.Contains(value, pdfPig));
    }

    [Theory]
    [MemberData(nameof(RealResumeTests.ResumesAndTracks), MemberType = typeof(RealResumeTests))]
    public void No_entry_or_section_of_a_real_resume_starts_in_the_first_two_lines_of_a_page(string file, string track)
    {
        // Parsers split entries at the gap above them and read a page's first line as the end of the previous page's
        // last one: an entry (or heading) in a page's first two lines is read as part of the entry before it.
        foreach (var paper in new[] { "a4", "letter" })
        {
            var pdf = Path.GetTempFileName();
            var input = Path.Combine(AppContext.BaseDirectory, "Resumes", "real-resumes", file);
            Assert.Equal(CommandLine.Ok, CommandLine.Run(["resume", "render", track, "--in", input, "--paper", paper, "--out", pdf], TextWriter.Null, TextWriter.Null));
            using var document = PdfDocument.Open(pdf);
            foreach (var page in document.GetPages().Skip(1))
            {
                var topLines = page.Letters.Where(letter => !string.IsNullOrWhiteSpace(letter.Value))
                    .GroupBy(letter => Math.Round(letter.StartBaseLine.Y))
                    .OrderByDescending(line => line.Key)
                    .Take(2)
                    .Select(line => line.OrderBy(letter => letter.StartBaseLine.X).ToList());
                // Entry titles and section headings are the only lines that begin in bold.
                Assert.All(topLines, line => Assert.False(
                    line[0].FontName?.Contains("Bold", StringComparison.Ordinal) == true,
                    $"{paper} page {page.Number} begins an entry: {string.Concat(line.Select(letter => letter.Value))}"));
            }
        }
    }

    private static IEnumerable<string> Strings(JsonElement parent, string array, string property) =>
        parent.TryGetProperty(array, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray()
                .Select(item => item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null)
                .Where(value => !string.IsNullOrWhiteSpace(value))
                .Select(value => value!.Trim())
            : [];
}
