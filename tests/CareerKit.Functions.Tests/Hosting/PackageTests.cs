using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Hosting;

/// <summary>Builds the deployment zip with scripts/package.sh once, unpacks it, and checks it is what the Functions host runs.</summary>
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
    public void The_zip_holds_host_json_and_every_function_json_as_the_repository_declares_them()
    {
        var declared = Directory.GetDirectories(Path.Combine(Repository, "functions")).Select(folder => Path.GetFileName(folder)!).Order().ToList();
        var packaged = Directory.GetFiles(package.Unpacked, "function.json", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(package.Unpacked, Path.GetDirectoryName(file)!)).Order().ToList();

        Assert.Equal(declared, packaged); // One folder per function, next to host.json.
        Assert.All(declared, name => Assert.Equal(
            File.ReadAllText(Path.Combine(Repository, "functions", name, "function.json")), File.ReadAllText(Path.Combine(package.Unpacked, name, "function.json"))));
        Assert.Equal(File.ReadAllText(Path.Combine(Repository, "host.json")), File.ReadAllText(Path.Combine(package.Unpacked, "host.json")));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")] // The package is linux-x64.
    public void The_executable_host_json_names_is_there_and_executable_with_what_it_needs_beside_it()
    {
        var host = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(package.Unpacked, "host.json")))!;
        var executable = Path.Combine(package.Unpacked, host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());

        Assert.True(File.Exists(executable), $"{executable} is missing");
        Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute), "the executable lost its execute bit in the zip");
        Assert.True(File.Exists(Path.Combine(package.Unpacked, "fonts", "DejaVuSans.ttf")));
        Assert.True(File.Exists(Path.Combine(package.Unpacked, "templates", "pages", "signup.liquid")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(package.Unpacked, "seeds", "tips"), "*.md"));
        Assert.True(File.Exists(Path.Combine(package.Unpacked, "libSkiaSharp.so")));
        Assert.False(File.Exists(Path.Combine(package.Unpacked, "CareerKit.Functions.dll.config")));
    }

    [Fact]
    public async Task Started_from_the_unpacked_folder_as_the_host_starts_it_it_answers_a_page_a_timer_invocation_and_a_pdf()
    {
        using var app = await AppProcess.StartAsync(folder: package.Unpacked);

        var page = await app.Client.GetAsync("/");
        var timer = await app.Client.PostAsync("/DispatchScheduled", new StringContent("""{"Data":{"timer":{"IsPastDue":false}},"Metadata":{}}""", Encoding.UTF8, "application/json"));
        var pdf = await app.Client.GetAsync("/api/resumes/ml-engineer");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Weekly career tips", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, timer.StatusCode);
        Assert.Contains("\"Outputs\"", await timer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
    }
}
