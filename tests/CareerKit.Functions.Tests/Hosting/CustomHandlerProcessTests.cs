using System.Net;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Hosting;

/// <summary>The executable as the Functions host starts it: on its own, told only the port to listen on.</summary>
public sealed class CustomHandlerProcessTests
{
    [Fact]
    public async Task Started_by_the_Functions_host_the_app_listens_on_FUNCTIONS_CUSTOMHANDLER_PORT()
    {
        using var app = await AppProcess.StartAsync();

        var page = await app.Client.GetAsync("/");
        var health = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Weekly career tips", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
