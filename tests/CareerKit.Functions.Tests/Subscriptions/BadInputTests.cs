using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Subscriptions;

/// <summary>Malformed, oversize and hostile input: always a 4xx a person understands, never a 500.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private CareerKitApp _app = null!;

    public async Task InitializeAsync() => _app = await CareerKitApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("{ \"email\": ", "The body is not valid JSON.")]
    [InlineData("[1, 2, 3]", "Send a JSON object")]
    [InlineData("\"just a string\"", "Send a JSON object")]
    public async Task Malformed_json_is_a_400_problem(string body, string message)
    {
        var response = await _app.Client.PostAsync("/api/subscriptions", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, message);
    }

    [Fact]
    public async Task A_wrong_content_type_is_a_415_problem()
    {
        var response = await _app.Client.PostAsync("/api/subscriptions", new StringContent("email=a@b.c", Encoding.UTF8, "text/plain"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Send JSON");
    }

    [Theory]
    [InlineData("""{ "email": "ada@example.com", "consent": true }""", "track", "Choose a track")]
    [InlineData("""{ "email": "ada@example.com", "track": "robotics", "consent": true }""", "track", "'robotics' is not a track")]
    [InlineData("""{ "email": "ada.example.com", "track": "ml", "consent": true }""", "email", "like name@example.com")]
    [InlineData("""{ "email": "ada@example.com", "track": "ml" }""", "consent", "Tick the box")]
    [InlineData("""{ "email": "ada@example.com", "track": "ml", "consent": true, "firstName": "Ada\r\nBcc: all@example.com" }""", "firstName", "line breaks")]
    public async Task Invalid_fields_are_a_400_validation_problem_naming_the_field(string body, string field, string message)
    {
        var response = await _app.Client.PostAsync("/api/subscriptions", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, message);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
        Assert.Empty(_app.SendGrid.Sent);
    }

    [Theory]
    [InlineData("firstName", "\\ud800")]
    [InlineData("firstName", "\\udc00 and \\ud83d")]
    [InlineData("firstName", "RAW")]
    [InlineData("email", "RAW")]
    public async Task A_lone_surrogate_or_invalid_utf8_in_a_field_is_a_400_naming_the_field(string field, string value)
    {
        var body = BodyWith($$"""{ "email": "ada@example.com", "firstName": "Ada", "track": "ml", "consent": true, "{{field}}": "A{{value}}B" }""");

        var response = await _app.Client.PostAsync("/api/subscriptions", new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "not valid UTF-8");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
        Assert.Empty(_app.SendGrid.Sent);
    }

    /// <summary>The body as UTF-8, with each RAW replaced by bytes that are not UTF-8 (a lone continuation byte and 0xFF).</summary>
    internal static byte[] BodyWith(string json) =>
        [.. json.Split("RAW").Select(Encoding.UTF8.GetBytes).Aggregate((before, after) => [.. before, 0x80, 0xFF, .. after])];

    [Fact]
    public async Task A_300_character_address_is_refused()
    {
        var email = new string('a', 290) + "@example.com";

        var response = await _app.SignUpAsync(email);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "too long");
    }

    [Fact]
    public async Task A_body_over_16_KB_is_a_413_whether_or_not_its_length_is_announced()
    {
        var big = JsonSerializer.Serialize(new { email = "ada@example.com", track = "ml", consent = true, padding = new string('x', 17 * 1024) });

        var announced = await _app.Client.PostAsync("/api/subscriptions", new StringContent(big, Encoding.UTF8, "application/json"));
        var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/subscriptions")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))) { Headers = { ContentType = new("application/json") } },
        };
        chunked.Headers.TransferEncodingChunked = true;
        var streamed = await _app.Client.SendAsync(chunked);

        await AssertProblemAsync(announced, HttpStatusCode.RequestEntityTooLarge, "too large");
        await AssertProblemAsync(streamed, HttpStatusCode.RequestEntityTooLarge, "too large");
    }

    [Fact]
    public async Task A_form_with_too_many_fields_or_a_broken_multipart_body_is_a_400()
    {
        var fields = Enumerable.Range(0, 100).ToDictionary(i => $"field{i}", i => "x");
        var tooMany = await _app.SignUpWithFormAsync(fields);
        var broken = await _app.Client.PostAsync("/api/subscriptions", new StringContent("--x\r\nnonsense", Encoding.UTF8, "multipart/form-data"));

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("The form could not be read.", await tooMany.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
    }

    [Fact]
    public async Task A_script_in_the_name_is_escaped_in_the_email_and_on_pages()
    {
        var email = CareerKitApp.NewAddress();
        const string name = "<script>alert(1)</script>";
        await _app.SubscribeAndConfirmAsync(email, "ml", name);

        var confirmation = _app.SendGrid.EmailsTo(email)[0];
        Assert.DoesNotContain("<script>", confirmation.Html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", confirmation.Html);

        var preferences = await _app.Client.GetStringAsync(_app.LinkFor(email, "api/subscriptions/preferences", CareerKit.Subscriptions.TokenPurpose.Preferences));
        Assert.DoesNotContain("<script>", preferences);
        Assert.Contains("&lt;script&gt;", preferences);
    }

    [Fact]
    public async Task A_script_typed_into_the_form_is_shown_back_escaped()
    {
        var response = await _app.SignUpWithFormAsync(new Dictionary<string, string> { ["email"] = "\"><script>alert(1)</script>", ["consent"] = "yes" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)", page);
        Assert.Contains("&quot;&gt;&lt;script&gt;", page);
    }

    [Fact]
    public async Task The_empty_form_shows_an_error_next_to_each_field()
    {
        var response = await _app.SignUpWithFormAsync(new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"email-error\">Enter your email address.", page);
        Assert.Contains("id=\"track-error\">Choose a track", page);
        Assert.Contains("id=\"consent-error\">Tick the box", page);
        Assert.Contains("role=\"alert\"", page);
    }

    [Theory]
    [InlineData("/api/subscriptions/confirm")]
    [InlineData("/api/subscriptions/confirm?token=")]
    [InlineData("/api/subscriptions/confirm?token=%00%01")]
    [InlineData("/api/subscriptions/unsubscribe?token=abc.def")]
    [InlineData("/api/subscriptions/preferences?token=x")]
    [InlineData("/api/subscriptions/erase?token=...")]
    public async Task Missing_or_garbled_tokens_show_a_400_page(string path)
    {
        var response = await _app.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This link doesn't work", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_garbled_export_token_is_a_400_problem_for_api_clients()
    {
        var response = await _app.Client.GetAsync("/api/subscriptions/export?token=nope");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "The link is not valid.");
    }

    [Fact]
    public async Task Unknown_paths_and_methods_are_4xx_problems()
    {
        await AssertProblemAsync(await _app.Client.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound, "nothing at this address");
        await AssertProblemAsync(await _app.Client.DeleteAsync("/api/subscriptions"), HttpStatusCode.MethodNotAllowed, "does not accept DELETE");
    }

    [Fact]
    public async Task Unknown_paths_show_a_page_to_browsers()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-page");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found.", await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, text);
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}
