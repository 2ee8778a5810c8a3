using System.Net;
using System.Net.Http.Json;
using CareerKit.Hosting;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareerKit.Tests.Hosting;

/// <summary>Rate limits count the real client: the address a trusted proxy appended to X-Forwarded-For, never what the client wrote there.</summary>
public sealed class ClientAddressTests
{
    private const string Client = "203.0.113.7";

    [Theory]
    [InlineData("198.51.100.1, 203.0.113.7", 1, Client)]
    [InlineData("198.51.100.1, 203.0.113.7:52144", 1, Client)] // Azure's front end adds the client's port.
    [InlineData("198.51.100.1, [2001:db8::7]:443", 1, "2001:db8::7")]
    [InlineData("198.51.100.1, 203.0.113.7, 10.0.0.4", 2, Client)]
    [InlineData("203.0.113.7", 2, Client)] // Fewer entries than proxies: all were appended by proxies.
    [InlineData("198.51.100.1, 203.0.113.7", 0, "127.0.0.1")]
    [InlineData("", 1, "127.0.0.1")]
    public void The_client_is_the_entry_the_outermost_trusted_proxy_appended(string forwardedFor, int trustedHops, string expected) =>
        Assert.Equal(expected, ClientAddress.From(IPAddress.Loopback, forwardedFor, trustedHops));

    [Theory]
    [InlineData("true", null, 1)]
    [InlineData(null, null, 0)]
    [InlineData("true", "0", 0)]
    [InlineData(null, "2", 2)]
    public void Trusted_proxy_hops_default_to_1_under_the_Functions_host_and_0_standalone(string? underHost, string? setting, int expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [HostMode.UnderFunctionsHostSetting] = underHost, // What the worker host sets.
            ["CareerKit:TrustedProxyHops"] = setting,
            ["CareerKit:PublicBaseUrl"] = "https://careerkit.example",
            ["CareerKit:SigningKey"] = CareerKitApp.SigningKey,
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddCareerKitOptions().BuildServiceProvider();

        Assert.Equal(expected, services.GetRequiredService<IOptions<CareerKitOptions>>().Value.TrustedProxyHops);
    }

    [Fact]
    public async Task Behind_the_host_s_proxy_a_rotating_forwarded_for_does_not_escape_the_sign_up_limit()
    {
        using var app = await AppProcess.StartAsync(new Dictionary<string, string?> { ["CareerKit__SignupsPerClientPerMinute"] = "10", ["CareerKit__TrustedProxyHops"] = "1" });

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 25; attempt++)
        {
            statuses.Add((await app.Client.SendAsync(SignUp(Forwarded(attempt)))).StatusCode);
        }

        Assert.Equal(10, statuses.Count(status => status == HttpStatusCode.Accepted));
        Assert.Equal(15, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Behind_the_host_s_proxy_editor_sign_in_answers_429_after_10_attempts_from_one_client()
    {
        using var app = await AppProcess.StartAsync(new Dictionary<string, string?> { ["CareerKit__TrustedProxyHops"] = "1" });

        var answers = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 11; attempt++)
        {
            using var signIn = new HttpRequestMessage(HttpMethod.Post, "/editor/signin") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = "ckey_wrong" }) };
            signIn.Headers.Add(ClientAddress.ForwardedForHeader, Forwarded(attempt));
            answers.Add(await app.Client.SendAsync(signIn));
        }

        Assert.DoesNotContain(answers[..10], answer => answer.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[10].StatusCode);
        Assert.NotNull(answers[10].Headers.RetryAfter);
        Assert.Contains("Too many sign-in attempts.", await answers[10].Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Behind_one_trusted_proxy_each_client_address_has_its_own_sign_up_limit()
    {
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?>
        {
            ["CareerKit:SignupsPerClientPerMinute"] = "3",
            ["CareerKit:TrustedProxyHops"] = "1",
        });

        var first = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            first.Add((await app.Client.SendAsync(SignUp(Forwarded(attempt)))).StatusCode);
        }

        var other = await app.Client.SendAsync(SignUp("198.51.100.1, 192.0.2.44:40000"));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], first);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }

    [Fact]
    public async Task Standalone_the_forwarded_for_header_is_ignored_and_the_connection_counts()
    {
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:SignupsPerClientPerMinute"] = "3" });

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            statuses.Add((await app.Client.SendAsync(SignUp($"198.51.100.{attempt}, 192.0.2.{attempt}"))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
    }

    /// <summary>What the client wrote changes every time; what Azure's front end appended (the client's address, a new port) does not.</summary>
    private static string Forwarded(int attempt) => $"10.{attempt}.0.1, {Client}:{50000 + attempt}";

    private static HttpRequestMessage SignUp(string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscriptions")
        {
            Content = JsonContent.Create(new { email = CareerKitApp.NewAddress(), track = "ml", consent = true }),
        };
        request.Headers.Add(ClientAddress.ForwardedForHeader, forwardedFor);
        return request;
    }
}
