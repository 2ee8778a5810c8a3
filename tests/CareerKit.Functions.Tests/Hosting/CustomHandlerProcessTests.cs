using System.Diagnostics;
using System.Net;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Hosting;

/// <summary>The executable as the Functions host starts it: on its own, told only the port to listen on.</summary>
public sealed class CustomHandlerProcessTests
{
    [Fact]
    public async Task Started_by_the_Functions_host_the_app_listens_on_FUNCTIONS_CUSTOMHANDLER_PORT()
    {
        var azurite = await Azurite.InstanceAsync();
        var port = FreePort.Next();
        var output = Path.GetDirectoryName(typeof(CareerKit.Hosting.CareerKitHostExtensions).Assembly.Location)!;
        var start = new ProcessStartInfo(Path.Combine(output, "CareerKit.Functions"))
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(),
                ["ASPNETCORE_URLS"] = null,
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["CareerKit__PublicBaseUrl"] = "https://careerkit.example",
                ["CareerKit__SigningKey"] = CareerKitApp.SigningKey,
                ["CareerKit__OutboxPath"] = Directory.CreateTempSubdirectory().FullName,
            },
        };

        using var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(30));
            using var client = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };

            var page = await client.GetAsync("/");
            var health = await client.GetAsync("/api/health");

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Weekly career tips", await page.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
