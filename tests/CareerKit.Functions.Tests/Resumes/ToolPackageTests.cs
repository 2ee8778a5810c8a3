using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CareerKit.Pdf.Document;
using CareerKit.Resumes;
using CareerKit.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using UglyToad.PdfPig;

namespace CareerKit.Tests.Resumes;

/// <summary>
/// Packs the careerkit .NET tool with scripts/pack-tool.sh once (Native AOT, linux-x64: the slow part, a few minutes)
/// and installs it as a user does, <c>dotnet tool install careerkit --add-source …</c>, into a folder of its own.
/// Each pack gets a version of its own, so no install can pick up an older package from a cache.
/// </summary>
public sealed class ToolPackageFixture : IAsyncLifetime
{
    public string Tool { get; private set; } = "";

    /// <summary>Where the tool's package was unpacked by the install (its native executable and what lies beside it).</summary>
    public string InstalledFolder { get; private set; } = "";

    private string _work = "";

    public async Task InitializeAsync()
    {
        _work = Directory.CreateTempSubdirectory("careerkit-tool-").FullName;
        var (packages, tools) = (Path.Combine(_work, "packages"), Path.Combine(_work, "tools"));
        var version = $"1.0.0-test.{Guid.NewGuid():N}";

        var pack = await ToolProcess.RunAsync("bash", [Path.Combine(RepositoryRootAttribute.Value, "scripts", "pack-tool.sh"), packages], ("CAREERKIT_TOOL_VERSION", version));
        Assert.True(pack.Code == 0, $"scripts/pack-tool.sh failed: {pack.Output}{pack.Error}");
        var install = await ToolProcess.RunAsync("dotnet", ["tool", "install", "careerkit", "--tool-path", tools, "--add-source", packages, "--version", version]);
        Assert.True(install.Code == 0, $"dotnet tool install failed: {install.Output}{install.Error}");

        Tool = Path.Combine(tools, "careerkit");
        InstalledFolder = Path.GetDirectoryName(Directory.GetFiles(Path.Combine(tools, ".store"), "careerkit", SearchOption.AllDirectories).Single())!;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class ToolPackageTests(ToolPackageFixture tool) : IClassFixture<ToolPackageFixture>
{
    private static readonly string FullResume = Path.Combine(AppContext.BaseDirectory, "Resumes", "full-resume.json");

    private async Task<(string File, ToolProcess.Result Run)> RenderAsync(string format, string paper = "a4")
    {
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.{format}");
        var run = await ToolProcess.RunAsync(tool.Tool, ["resume", "render", "ai-engineer", "--in", FullResume, "--paper", paper, "--format", format, "--out", file]);
        Assert.True(run.Code == 0, run.Error);
        return (file, run);
    }

    [Fact]
    public async Task The_installed_tool_renders_the_tailored_resume_as_a_pdf()
    {
        var (file, run) = await RenderAsync("pdf", paper: "letter");

        Assert.Contains($"Wrote {file} (", run.Output, StringComparison.Ordinal);
        using var pdf = PdfDocument.Open(file);
        Assert.Equal(612, Math.Round(pdf.GetPage(1).Width));
        Assert.Contains("Zoë", pdf.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_installed_tool_renders_a_valid_docx()
    {
        var (file, _) = await RenderAsync("docx");

        using var document = WordprocessingDocument.Open(file, false);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(error => $"{error.Path?.XPath}: {error.Description}"));
        Assert.Contains("Zoë", document.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_installed_tool_renders_plain_text_and_json_resume()
    {
        var (text, _) = await RenderAsync("txt");
        var (json, _) = await RenderAsync("json");

        Assert.Contains("Zoë", File.ReadAllText(text), StringComparison.Ordinal);
        using var resume = JsonDocument.Parse(File.ReadAllBytes(json));
        Assert.Equal(ResumeJson.Schema, resume.RootElement.GetProperty("$schema").GetString());
        Assert.Contains("Zoë", resume.RootElement.GetProperty("basics").GetProperty("name").GetString(), StringComparison.Ordinal);
    }

    /// <summary>One implementation: the native tool writes, byte for byte, what the app's renderer writes in process.</summary>
    [Theory]
    [InlineData("pdf")]
    [InlineData("docx")]
    [InlineData("txt")]
    [InlineData("json")]
    public async Task The_installed_tool_writes_the_same_bytes_as_the_app(string format)
    {
        var (file, _) = await RenderAsync(format);

        var template = ResumeTemplates.Default().ForSlug("ai-engineer")!;
        using var json = JsonDocument.Parse(File.ReadAllText(FullResume));
        using var renderer = new ResumeRenderer();
        ResumeFormats.TryParse(format, out var kind);
        var expected = renderer.Write(kind, ResumeTailor.Tailor(ResumeReader.Read(json.RootElement).Resume!, template, ResumeTemplates.Default().SkillAliases), template, Paper.A4, "ai-engineer");
        var written = File.ReadAllBytes(file);
        if (format == "docx")
        {
            // OpenXml names relationships at random (R3fa7…) and a zip records when it was packed: compare the
            // document, styles and lists with the relationship ids taken out.
            Assert.Equal(Parts(expected.Content), Parts(written));
            return;
        }

        Assert.True(expected.Content.AsSpan().SequenceEqual(written), $"the tool's {format} differs from the app's");
    }

    private static SortedDictionary<string, string> Parts(byte[] docx)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(docx));
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "word/document.xml", "word/styles.xml", "word/numbering.xml" })
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            parts[name] = System.Text.RegularExpressions.Regex.Replace(reader.ReadToEnd(), "r:id=\"R[0-9a-f]+\"", "r:id=\"\"");
        }

        return parts;
    }

    [Theory]
    [InlineData("resume render data-scientist --out x.pdf", "'data-scientist' is not a track")]
    [InlineData("resume render ml-engineer --format odt --out x.odt", "'odt' is not a resume format")]
    [InlineData("resume render ml-engineer --in /no/such/file.json --out x.pdf", "no such file")]
    [InlineData("resume render ml-engineer --out /no/such/folder/x.pdf", "/no/such/folder/x.pdf: cannot write the resume there")]
    [InlineData("", "usage: careerkit resume render")]
    public async Task Mistakes_are_explained_by_the_installed_tool_with_exit_code_2(string command, string message)
    {
        var run = await ToolProcess.RunAsync(tool.Tool, command.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, run.Code);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_installed_tool_is_native_code_with_its_native_libraries_fonts_and_templates_beside_it()
    {
        var executable = File.ReadAllBytes(Path.Combine(tool.InstalledFolder, "careerkit"));

        Assert.Equal("\u007fELF", Encoding.ASCII.GetString(executable, 0, 4));
        Assert.False(File.Exists(Path.Combine(tool.InstalledFolder, "careerkit.dll")), "a managed careerkit.dll: the tool was not compiled ahead of time");
        Assert.False(File.Exists(Path.Combine(tool.InstalledFolder, "CareerKit.Resumes.dll")), "a managed CareerKit.Resumes.dll beside the native executable");
        foreach (var beside in new[] { "libSkiaSharp.so", "libHarfBuzzSharp.so", "fonts/DejaVuSans.ttf", "fonts/LICENSE", "fonts/fallback/DroidSansFallbackFull.ttf", "fonts/fallback/NotoSansDevanagari-Regular.ttf", "fonts/fallback/licences/fonts-droid-fallback.copyright", "templates/resumes/ml-engineer.json", "templates/resumes/skill-aliases.json" })
        {
            Assert.True(File.Exists(Path.Combine(tool.InstalledFolder, beside)), $"{beside} is missing beside the tool");
        }
    }
}

/// <summary>Runs a program to its end and keeps what it printed.</summary>
internal static class ToolProcess
{
    public sealed record Result(int Code, string Output, string Error);

    public static async Task<Result> RunAsync(string program, string[] args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new(process.ExitCode, await output, await error);
    }
}
