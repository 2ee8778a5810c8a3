using System.Net;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Faults;

/// <summary>The fault proxy itself: an app behind it sees storage down, hanging and back, and nothing else does.</summary>
public sealed class FaultProxyTests
{
    [Fact]
    public async Task Storage_behind_the_proxy_goes_down_and_comes_back_for_that_app_only()
    {
        await using var storage = await FaultyStorage.InFrontOfAsync();
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storage.ConnectionString }, realClock: true);

        storage.Mode = FaultMode.Down;
        var duringOutage = await app.SignUpAsync(CareerKitApp.NewAddress());

        storage.Mode = FaultMode.Up;
        var email = CareerKitApp.NewAddress();
        var afterOutage = await app.SignUpAsync(email);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage.StatusCode);
        Assert.NotNull(duringOutage.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Accepted, afterOutage.StatusCode);
        Assert.Single(app.SendGrid.EmailsTo(email));
    }
}
