using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Hosting;

/// <summary>Builds the deployment zip with scripts/package.sh once, unpacks it, and checks it is what Flex Consumption's dotnet-isolated runtime runs.</summary>
public sealed class PackageFixture : IAsyncLifetime
{
    public string Unpacked { get; private set; } = "";

    private string _work = "";

    public async Task InitializeAsync()
    {
        _work = Directory.CreateTempSubdirectory("careerkit-package-").FullName;
        var build = Process.Start(new ProcessStartInfo("bash", [Path.Combine(RepositoryRootAttribute.Value, "scripts", "package.sh"), _work])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = build.StandardOutput.ReadToEndAsync();
        var errors = build.StandardError.ReadToEndAsync();
        await build.WaitForExitAsync();
        Assert.True(build.ExitCode == 0, $"scripts/package.sh failed: {await output}{await errors}");

        Unpacked = Path.Combine(_work, "unpacked");
        ZipFile.ExtractToDirectory(Path.Combine(_work, "careerkit.zip"), Unpacked);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class PackageTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    private static string Repository => RepositoryRootAttribute.Value;

    [Fact]
    public void The_zip_holds_host_json_and_the_generated_functions_metadata_declaring_every_function()
    {
        var metadata = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(package.Unpacked, "functions.metadata")))!.AsArray();
        var worker = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(package.Unpacked, "worker.config.json")))!["description"]!;

        Assert.Equal(CareerKit.Hosting.FunctionCatalog.ForApp.All.Select(function => function.Name).Order(), metadata.Select(function => function!["name"]!.GetValue<string>()).Order());
        Assert.Equal("dotnet-isolated", worker["language"]!.GetValue<string>());
        Assert.Equal("{WorkerRoot}CareerKit.Functions", worker["defaultExecutablePath"]!.GetValue<string>()); // The self-contained apphost.
        Assert.Equal(File.ReadAllText(Path.Combine(Repository, "host.json")), File.ReadAllText(Path.Combine(package.Unpacked, "host.json")));
        Assert.Empty(Directory.GetFiles(package.Unpacked, "function.json", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(package.Unpacked, "extensions.json"))); // The host's side of the queue trigger.
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")] // The package is linux-x64.
    public void The_executable_worker_config_names_is_there_and_executable_with_what_it_needs_beside_it()
    {
        var executable = Path.Combine(package.Unpacked, "CareerKit.Functions");

        Assert.True(File.Exists(executable), $"{executable} is missing");
        Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute), "the executable lost its execute bit in the zip");
        Assert.True(File.Exists(Path.Combine(package.Unpacked, "fonts", "DejaVuSans.ttf")));
        foreach (var fallback in CareerKit.Pdf.Fonts.FallbackFonts.All)
        {
            Assert.True(File.Exists(Path.Combine(package.Unpacked, "fonts", "fallback", fallback.File)), $"fallback font {fallback.File} is not in the package");
        }

        Assert.True(File.Exists(Path.Combine(package.Unpacked, "templates", "pages", "signup.liquid")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(package.Unpacked, "seeds", "tips"), "*.md"));
        Assert.True(File.Exists(Path.Combine(package.Unpacked, "libSkiaSharp.so")));
        Assert.False(File.Exists(Path.Combine(package.Unpacked, "CareerKit.Functions.dll.config")));
    }

    [Fact]
    public async Task Started_from_the_unpacked_folder_standalone_it_answers_a_page_runs_a_timer_and_makes_a_pdf()
    {
        using var app = await AppProcess.StartAsync(new Dictionary<string, string?>
        {
            ["CareerKit__LocalScheduler"] = "true",
            ["CareerKit__StoragePrefix"] = $"pkg{Guid.NewGuid():N}"[..12], // Its timers' status and tables of its own.
            ["DISPATCH_SCHEDULE"] = "* * * * * *", // Every second, so a run comes while the test waits.
            ["NEWSLETTER_SCHEDULE"] = "0 0 0 1 1 *",
        }, folder: package.Unpacked);

        var page = await app.Client.GetAsync("/");
        var pdf = await app.Client.GetAsync("/api/resumes/ml-engineer");
        await app.WaitForOutputAsync("Timer DispatchScheduled ran", TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Weekly career tips", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_packaged_executable_runs_the_command_line_commands()
    {
        var executable = Path.Combine(package.Unpacked, "CareerKit.Functions");
        var pdf = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.pdf");
        var azurite = await Azurite.InstanceAsync();

        var (render, _) = await RunAsync(executable, ["resume", "render", "ai-engineer", "--out", pdf]);
        var (list, listed) = await RunAsync(executable, ["editors", "list"], ("AzureWebJobsStorage", azurite.ConnectionString),
            ("CareerKit__PublicBaseUrl", "https://careerkit.example"), ("CareerKit__SigningKey", CareerKitApp.SigningKey));

        Assert.Equal(0, render);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(File.ReadAllBytes(pdf))[..5], StringComparison.Ordinal);
        Assert.True(list == 0, listed);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string executable, string[] args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(executable, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(executable)! };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
