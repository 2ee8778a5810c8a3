using System.Net;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Faults;

/// <summary>While storage is down, pages and probes say "try again later" (503 with Retry-After), never 500.</summary>
public sealed class OutageAnswerTests
{
    [Fact]
    public async Task The_editor_sign_in_page_answers_503_with_retry_after_while_storage_is_down()
    {
        await using var storage = await FaultyStorage.InFrontOfAsync();
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storage.ConnectionString }, realClock: true);
        storage.Mode = FaultMode.Down;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/editor/signin");
        request.Headers.Accept.ParseAdd("text/html");
        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("try again in 30 seconds", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_answering_503_says_when_to_ask_again()
    {
        await using var storage = await FaultyStorage.InFrontOfAsync();
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storage.ConnectionString }, realClock: true);
        storage.Mode = FaultMode.Down;

        var response = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
    }
}
