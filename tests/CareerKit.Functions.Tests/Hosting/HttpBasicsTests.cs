using System.Net;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Hosting;

/// <summary>What every HTTP client may expect of any web site: HEAD works where GET does, and https is remembered (HSTS).</summary>
public sealed class HttpBasicsTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/archive")]
    [InlineData("/archive/feed.xml")]
    [InlineData("/resumes")]
    [InlineData("/api/health")]
    [InlineData("/editor/signin")]
    public async Task HEAD_answers_as_GET_does_without_a_body(string path)
    {
        await using var app = await CareerKitApp.StartAsync();

        var get = await app.Client.GetAsync(path);
        var head = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(get.Headers.GetValues("Content-Security-Policy"), head.Headers.GetValues("Content-Security-Policy"));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Answers_on_the_public_https_address_carry_HSTS_and_plain_http_ones_do_not()
    {
        await using var https = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:PublicBaseUrl"] = "https://careerkit.example" });
        await using var http = await CareerKitApp.StartAsync();

        var secure = await https.Client.GetAsync("/");
        var plain = await http.Client.GetAsync("/");

        Assert.Equal("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }
}
