using System.Diagnostics;
using CareerKit.Cli;
using UglyToad.PdfPig;

namespace CareerKit.Tests.Resumes;

/// <summary><c>careerkit resume render</c>: the same engine and validation as the API, without a server.</summary>
public sealed class CommandLineTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        return (CommandLine.Run(args, output, error), output.ToString(), error.ToString());
    }

    [Fact]
    public void Rendering_a_json_resume_writes_the_tailored_pdf()
    {
        var (input, pdf) = (Path.Combine(AppContext.BaseDirectory, "Resumes", "full-resume.json"), Path.GetTempFileName());

        var (code, output, error) = Run("resume", "render", "ai-engineer", "--in", input, "--paper", "letter", "--out", pdf);

        Assert.Equal(CommandLine.Ok, code);
        Assert.Empty(error);
        Assert.Contains($"Wrote {pdf}", output);
        using var document = PdfDocument.Open(pdf);
        Assert.Equal(612, Math.Round(document.GetPage(1).Width));
        Assert.Contains("Zoë", document.GetPage(1).Text);
    }

    [Fact]
    public void A_bad_resume_prints_the_same_messages_as_the_api_and_exits_non_zero()
    {
        var input = Path.GetTempFileName();
        File.WriteAllText(input, """{ "work": [ { "startDate": "2020-13" } ] }""");

        var (code, _, error) = Run("resume", "render", "ml-engineer", "--in", input, "--out", Path.GetTempFileName());

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains("work[0].startDate: \"2020-13\" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (also read: MM/YYYY, \"Aug 2019\", and \"Present\" for an end date)", error);
    }

    [Fact]
    public void A_resume_without_a_name_is_refused()
    {
        var input = Path.GetTempFileName();
        File.WriteAllText(input, "{}");

        var (code, _, error) = Run("resume", "render", "ml-engineer", "--in", input, "--out", Path.GetTempFileName());

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains("basics.name: your name is missing", error);
    }

    [Theory]
    [InlineData("resume render data-scientist --out x.pdf", "'data-scientist' is not a track")]
    [InlineData("resume render ml-engineer", "--out FILE is required")]
    [InlineData("resume render ml-engineer --paper a3 --out x.pdf", "Use a4 or letter")]
    [InlineData("resume render ml-engineer --in /no/such/file.json --out x.pdf", "no such file")]
    [InlineData("resume print", "usage: careerkit resume render")]
    [InlineData("render ml-engineer --out x.pdf", "usage: careerkit resume render")]
    [InlineData("resume render ml-engineer --out /no/such/folder/x.pdf", "/no/such/folder/x.pdf: cannot write the resume there")]
    public void Mistakes_on_the_command_line_are_explained(string command, string message)
    {
        var (code, _, error) = Run(command.Split(' '));

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void The_executable_renders_a_template_without_any_server_settings()
    {
        var output = Path.GetDirectoryName(typeof(CommandLine).Assembly.Location)!;
        var pdf = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.pdf");

        using var process = Process.Start(new ProcessStartInfo(Path.Combine(output, "CareerKit.Functions"), ["resume", "render", "ml-engineer", "--out", pdf])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.WaitForExit();

        Assert.Equal(0, process.ExitCode);
        using var document = PdfDocument.Open(pdf);
        Assert.Contains("MACHINE LEARNING PROJECTS", string.Join(" ", document.GetPages().Select(page => page.Text)));
    }
}
