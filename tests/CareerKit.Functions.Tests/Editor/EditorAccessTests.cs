using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Data.Tables;
using CareerKit.Editor;
using CareerKit.Storage;
using CareerKit.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Editor;

/// <summary>Who may edit: keys from the command line, sessions from the sign-in page, bearer keys for the API.</summary>
public sealed partial class EditorAccessTests : IAsyncLifetime
{
    private CareerKitApp _app = null!;

    public async Task InitializeAsync() => _app = await CareerKitApp.StartAsync(realClock: true);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<int> CliAsync(StringWriter output, StringWriter error, params string[] args) =>
        EditorCommands.RunAsync(["editors", .. args], _app.Services.GetRequiredService<EditorKeys>(), _app.Services.GetRequiredService<AuditLog>(), output, error, CancellationToken.None);

    [Fact]
    public async Task The_command_line_prints_a_new_key_once_and_stores_only_a_salted_hash_of_it()
    {
        var name = EditorBrowser.NewName();
        using var added = new StringWriter();
        using var listed = new StringWriter();
        using var again = new StringWriter();
        using var errors = new StringWriter();

        Assert.Equal(EditorCommands.Ok, await CliAsync(added, errors, "add", name));
        Assert.Equal(EditorCommands.Ok, await CliAsync(listed, errors, "list"));
        Assert.Equal(EditorCommands.BadInput, await CliAsync(again, errors, "add", name));
        Assert.Equal(EditorCommands.BadInput, await CliAsync(again, errors, "add", "no spaces allowed"));

        var key = added.ToString().Trim().Split('\n')[^1].Trim();
        Assert.StartsWith("ckey_", key);
        Assert.Contains(name, listed.ToString());
        Assert.DoesNotContain(key, listed.ToString());
        Assert.Contains("exists already", errors.ToString());
        Assert.Contains("not a valid editor name", errors.ToString());
        var table = await _app.Services.GetRequiredService<TableStorage>().GetTableAsync(EditorKeys.TableName, CancellationToken.None);
        var row = (await table.GetEntityAsync<TableEntity>("editor", name)).Value;
        Assert.DoesNotContain(row, property => property.Value?.ToString()?.Contains(key[5..15], StringComparison.Ordinal) == true);
        Assert.Equal(32, Convert.FromBase64String(row.GetString("Hash")).Length);
    }

    [Fact]
    public async Task The_API_answers_401_without_a_key_with_a_wrong_key_and_after_the_key_is_revoked()
    {
        var name = EditorBrowser.NewName();
        var key = await EditorBrowser.AddEditorAsync(_app, name);

        var none = await _app.Client.GetAsync("/api/editor/editions");
        var wrong = await GetWithKeyAsync("/api/editor/editions", "ckey_" + new string('x', 43));
        var valid = await GetWithKeyAsync("/api/editor/editions", key);
        await CliAsync(new StringWriter(), new StringWriter(), "revoke", name);
        var revoked = await GetWithKeyAsync("/api/editor/editions", key);

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await valid.Content.ReadAsStringAsync()).RootElement.ValueKind);
        foreach (var refused in new[] { none, wrong, revoked })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Editor sign-in required", await refused.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("/editor")]
    [InlineData("/editor/audit")]
    [InlineData("/editor/subscribers")]
    [InlineData("/editor/editions/new")]
    [InlineData("/editor/tips")]
    [InlineData("/editor/tips/new")]
    public async Task Editor_pages_send_a_signed_out_visitor_to_the_sign_in_page(string page)
    {
        var response = await _app.Client.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/editor/signin?ReturnUrl=", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Signing_in_with_a_key_opens_an_http_only_strict_session_that_ends_with_sign_out()
    {
        var name = EditorBrowser.NewName();
        var key = await EditorBrowser.AddEditorAsync(_app, name);
        using var editor = new EditorBrowser(_app);

        var signedIn = await editor.SignInAsync(key, returnUrl: "/editor/audit");
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith("careerkit-editor=", StringComparison.Ordinal));
        var audit = await editor.Client.GetStringAsync("/editor/audit");
        var form = await editor.FormTokenAsync("/editor");
        var signedOut = await editor.Client.PostAsync("/editor/signout", new FormUrlEncodedContent(new Dictionary<string, string> { [form.Field] = form.Token }));
        var afterwards = await editor.Client.GetAsync("/editor");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/editor/audit", signedIn.Headers.Location!.OriginalString);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // Plain http on this machine only.
        Assert.Contains($"<td>{name}</td><td>signed in</td>", audit);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.Contains("signed out", await AuditTextAsync());
    }

    [Fact]
    public async Task A_session_cookie_replayed_after_sign_out_opens_nothing_on_this_or_another_instance()
    {
        await using var other = await CareerKitApp.StartAsync(realClock: true); // A second instance on the same storage.
        using var editor = new EditorBrowser(_app);
        await editor.SignInAsync(await EditorBrowser.AddEditorAsync(_app, EditorBrowser.NewName()));
        var session = SessionCookie(editor);
        var beforeHere = await ReplayAsync(_app, session, "/editor");
        var beforeThere = await ReplayAsync(other, session, "/editor");

        var form = await editor.FormTokenAsync("/editor");
        var signedOut = await editor.Client.PostAsync("/editor/signout", new FormUrlEncodedContent(new Dictionary<string, string> { [form.Field] = form.Token }));

        Assert.Equal(HttpStatusCode.OK, beforeHere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, beforeThere.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        foreach (var (app, path) in new[] { (_app, "/editor"), (_app, "/editor/subscribers"), (_app, "/editor/audit"), (other, "/editor") })
        {
            var replayed = await ReplayAsync(app, session, path);
            Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
            Assert.StartsWith("/editor/signin", replayed.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_editor_API_route_refuses_a_session_cookie_so_a_cookie_only_import_adds_nobody()
    {
        using var editor = new EditorBrowser(_app);
        await editor.SignInAsync(await EditorBrowser.AddEditorAsync(_app, EditorBrowser.NewName()));
        var routes = _app.Services.GetServices<EndpointDataSource>().SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText!.TrimStart('/').StartsWith("api/editor", StringComparison.Ordinal))
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(method => (Method: method, Path: "/" + RouteParameter().Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), "x"))))
            .ToList();
        var person = CareerKitApp.NewAddress("cookie-import");

        var answers = new List<string>();
        foreach (var (method, path) in routes)
        {
            var response = await editor.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json") });
            answers.Add($"{method} {path} {(int)response.StatusCode}");
        }

        var import = await editor.Client.PostAsync("/api/editor/subscribers/import", new MultipartFormDataContent
        {
            { new StringContent("consented"), "mode" },
            { new StringContent("cookie only"), "source" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"email,track\n{person},ml\n")), "file", "people.csv" },
        });

        Assert.True(routes.Count >= 15, $"Only {routes.Count} editor API routes found.");
        Assert.All(answers, answer => Assert.EndsWith(" 401", answer));
        Assert.Equal(HttpStatusCode.Unauthorized, import.StatusCode);
        Assert.Null(await _app.FindSubscriberAsync(person));
    }

    [Fact]
    public async Task A_wrong_key_is_told_next_to_the_field_and_a_form_without_its_token_is_refused()
    {
        using var editor = new EditorBrowser(_app);

        var wrong = await editor.SignInAsync("ckey_not-a-real-key");
        var html = await wrong.Content.ReadAsStringAsync();
        var forged = await new HttpClient { BaseAddress = _app.BaseAddress }.PostAsync("/editor/signin",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = "ckey_x" }));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("id=\"key-error\"", html);
        Assert.Contains("aria-describedby=\"key-error\"", html);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("The sign-in form expired", await forged.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_client()
    {
        using var editor = new EditorBrowser(_app);
        var form = await editor.FormTokenAsync("/editor/signin");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt <= EditorAuthentication.SignInsPerClientPerMinute; attempt++)
        {
            last = await editor.Client.PostAsync("/editor/signin", new FormUrlEncodedContent(new Dictionary<string, string> { [form.Field] = form.Token, ["key"] = "ckey_guess" + attempt }));
            statuses.Add(last.StatusCode);
        }

        Assert.All(statuses.Take(EditorAuthentication.SignInsPerClientPerMinute), status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.NotNull(last!.Headers.RetryAfter);
    }

    [Fact]
    public async Task Revoking_a_key_ends_its_open_sessions()
    {
        var name = EditorBrowser.NewName();
        using var editor = new EditorBrowser(_app);
        await editor.SignInAsync(await EditorBrowser.AddEditorAsync(_app, name));
        Assert.Equal(HttpStatusCode.OK, (await editor.Client.GetAsync("/editor")).StatusCode);

        await CliAsync(new StringWriter(), new StringWriter(), "revoke", name);

        Assert.Equal(HttpStatusCode.Redirect, (await editor.Client.GetAsync("/editor")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/editor")]
    [InlineData("//evil.example/editor")]
    [InlineData("/editor/../../elsewhere\\x")]
    public async Task Sign_in_only_ever_returns_into_the_editor(string returnUrl)
    {
        using var editor = new EditorBrowser(_app);

        var signedIn = await editor.SignInAsync(await EditorBrowser.AddEditorAsync(_app, EditorBrowser.NewName()), returnUrl);

        Assert.Equal("/editor", signedIn.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/editor/é", "/editor/%C3%A9")]
    [InlineData("/editor/tips?q=café", "/editor/tips?q=caf%C3%A9")]
    [InlineData("/editor\r\nSet-Cookie: stolen=1", "/editor")]
    [InlineData("/editor/audit\u0085", "/editor")]
    public async Task Sign_in_with_an_unusual_return_address_still_lands_in_the_editor(string returnUrl, string expected)
    {
        using var editor = new EditorBrowser(_app);
        var key = await EditorBrowser.AddEditorAsync(_app, EditorBrowser.NewName());

        var page = await editor.Client.GetAsync("/editor/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var signedIn = await editor.SignInAsync(key, returnUrl);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(expected, signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await editor.Client.GetAsync("/editor")).StatusCode);
    }

    [Fact]
    public async Task Editor_keys_never_reach_the_logs()
    {
        var key = await EditorBrowser.AddEditorAsync(_app, EditorBrowser.NewName());
        using var editor = new EditorBrowser(_app);
        await editor.SignInAsync(key);
        await editor.SignInAsync(key + "x");
        await GetWithKeyAsync("/api/editor/audit", key);
        await GetWithKeyAsync("/api/editor/audit", key + "y");

        Assert.NotEmpty(_app.Logs.Lines);
        Assert.DoesNotContain(_app.Logs.Lines, line => line.Contains(key[5..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_localhost_the_session_cookie_is_secure()
    {
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:PublicBaseUrl"] = "https://careerkit.example" }, realClock: true);
        var key = await EditorBrowser.AddEditorAsync(app, EditorBrowser.NewName());
        // The cookies are Secure, so a cookie jar would not send them back over this plain-http test connection: carry them by hand.
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var page = await client.GetAsync("/editor/signin");
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith("careerkit-editor-af=", StringComparison.Ordinal));
        var token = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__antiforgery\" value=\"([^\"]+)\"").Groups[1].Value;
        var request = new HttpRequestMessage(HttpMethod.Post, "/editor/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__antiforgery"] = WebUtility.HtmlDecode(token), ["key"] = key }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie.Split(';')[0]);

        var signedIn = await client.SendAsync(request);

        Assert.Contains("secure", antiforgeryCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), value => value.StartsWith("careerkit-editor=", StringComparison.Ordinal) && value.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    private static string SessionCookie(EditorBrowser editor) => editor.Cookies.GetCookies(editor.Client.BaseAddress!)["careerkit-editor"]!.Value;

    /// <summary>The session cookie sent by someone who copied it: a client of its own, no cookie jar.</summary>
    private static async Task<HttpResponseMessage> ReplayAsync(CareerKitApp app, string session, string path)
    {
        using var client = app.NewClient();
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"careerkit-editor={session}");
        return await client.SendAsync(request);
    }

    private Task<HttpResponseMessage> GetWithKeyAsync(string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return _app.Client.SendAsync(request);
    }

    [System.Text.RegularExpressions.GeneratedRegex("{[^}]+}")]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();

    private async Task<string> AuditTextAsync() =>
        string.Join('\n', (await _app.Services.GetRequiredService<AuditLog>().LatestAsync(100, CancellationToken.None)).Select(entry => $"{entry.Editor} {entry.Action} {entry.Detail}"));
}

/// <summary>The command as an operator runs it: the app's own executable, with the app's settings.</summary>
public sealed class EditorCommandProcessTests
{
    [Fact]
    public async Task The_executable_adds_lists_and_revokes_editors()
    {
        var azurite = await Azurite.InstanceAsync();
        var name = EditorBrowser.NewName();

        var (added, addedOut, _) = await RunAsync(azurite.ConnectionString, "editors", "add", name);
        var (listed, listedOut, _) = await RunAsync(azurite.ConnectionString, "editors", "list");
        var (revoked, _, _) = await RunAsync(azurite.ConnectionString, "editors", "revoke", name);
        var (unknown, _, unknownError) = await RunAsync(azurite.ConnectionString, "editors", "fly");

        Assert.Equal(0, added);
        Assert.Matches(@"(?m)^ckey_[A-Za-z0-9_-]{43}\s*$", addedOut);
        Assert.Equal(0, listed);
        Assert.Contains(name, listedOut);
        Assert.Equal(0, revoked);
        Assert.Equal(2, unknown);
        Assert.Contains("usage: careerkit editors", unknownError);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string storage, params string[] args)
    {
        var output = Path.GetDirectoryName(typeof(CareerKit.Hosting.CareerKitHostExtensions).Assembly.Location)!;
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(output, "CareerKit.Functions"), args)
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["AzureWebJobsStorage"] = storage, ["CareerKit__PublicBaseUrl"] = "http://localhost:7071", ["CareerKit__SigningKey"] = CareerKitApp.SigningKey },
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var (stdout, stderr) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
