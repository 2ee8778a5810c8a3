using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CareerKit.Editor;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Editor;

/// <summary>
/// What the editor functions read from a request themselves (query values, JSON bodies) and which requests count
/// against the sign-in limit: a request they cannot read is a 4xx that says why, never a 500.
/// </summary>
public sealed class EditorRequestReadingTests : IAsyncLifetime
{
    private CareerKitApp _app = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:TablePrefix"] = $"rr{Guid.NewGuid():N}"[..14] });
        _api = _app.NewClient();
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await EditorBrowser.AddEditorAsync(_app, EditorBrowser.NewName()));
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_draft_that_is_not_JSON_or_has_no_body_is_refused_saying_why()
    {
        var asText = await _api.PostAsync("/api/editor/drafts", new StringContent("track=ml", System.Text.Encoding.UTF8, "text/plain"));
        var empty = await _api.PostAsync("/api/editor/drafts", new StringContent("", System.Text.Encoding.UTF8, "application/json"));
        var jsonNull = await _api.PostAsync("/api/editor/tips", new StringContent("null", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, asText.StatusCode);
        Assert.Equal("application/problem+json", asText.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("The request has no body.", (await empty.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, jsonNull.StatusCode);
    }

    [Fact]
    public async Task A_retired_filter_that_is_not_true_or_false_is_a_400_naming_it()
    {
        var response = await _api.GetAsync("/api/editor/tips?retired=maybe");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("retired", problem!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("true or false", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_number_that_is_not_a_number_is_a_400_page_and_an_empty_one_is_the_first_page()
    {
        using var editor = new EditorBrowser(_app);
        await editor.SignInAsync(await EditorBrowser.AddEditorAsync(_app, EditorBrowser.NewName()));

        var garbled = await editor.Client.GetAsync("/editor?page=two");
        var empty = await editor.Client.GetAsync("/editor?page=");

        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
        Assert.Equal("text/html", garbled.Content.Headers.ContentType!.MediaType);
        Assert.Contains("page number", await garbled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
    }

    [Fact]
    public async Task Loading_the_sign_in_page_does_not_count_against_the_sign_in_limit()
    {
        using var editor = new EditorBrowser(_app);
        var pages = new List<HttpStatusCode>();
        for (var load = 0; load <= EditorAuthentication.SignInsPerClientPerMinute; load++)
        {
            pages.Add((await editor.Client.GetAsync("/editor/signin")).StatusCode);
        }

        var signedIn = await editor.SignInAsync(await EditorBrowser.AddEditorAsync(_app, EditorBrowser.NewName()));

        Assert.All(pages, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }
}
