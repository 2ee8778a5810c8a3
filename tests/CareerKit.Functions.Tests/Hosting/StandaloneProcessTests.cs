using System.Net;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Hosting;

/// <summary>The executable started directly, without the Functions host: it runs standalone on the address it is given.</summary>
public sealed class StandaloneProcessTests
{
    [Fact]
    public async Task Started_without_the_Functions_host_the_executable_serves_the_functions_on_ASPNETCORE_URLS()
    {
        using var app = await AppProcess.StartAsync();

        var page = await app.Client.GetAsync("/");
        var health = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Weekly career tips", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
