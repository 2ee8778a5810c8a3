using System.Net;
using System.Net.Http.Headers;
using Spike.Tests.Infrastructure;

namespace Spike.Tests;

[Collection(StorageCollection.Name)]
public sealed class StandaloneRulesTests(Azurite storage)
{
    [Fact]
    public async Task An_editor_function_refuses_a_caller_without_a_key_and_serves_one_with_it()
    {
        await using var app = await StandaloneApp.StartAsync(storage);

        var refused = await app.Client.GetAsync("/api/things/7");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/things/7") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", StandaloneApp.EditorKey) } };
        var served = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", refused.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("\"id\":\"7\"", await served.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_over_the_declared_limit_is_answered_413()
    {
        await using var app = await StandaloneApp.StartAsync(storage);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/things/7")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", StandaloneApp.EditorKey) },
            Content = new ByteArrayContent(new byte[16385]),
        };

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await app.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Signups_past_the_per_client_limit_are_answered_429_with_retry_after()
    {
        await using var app = await StandaloneApp.StartAsync(storage);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await app.Client.PostAsync("/api/signup", new StringContent("{}"))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, (HttpStatusCode)429], statuses);
    }

    [Fact]
    public async Task A_failing_function_answers_500_without_its_details()
    {
        await using var app = await StandaloneApp.StartAsync(storage);
        var response = await app.Client.GetAsync("/api/fails");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("must not see", body);
        Assert.Contains("logged with id", body);
    }
}
