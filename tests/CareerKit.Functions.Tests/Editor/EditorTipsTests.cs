using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CareerKit.Newsletter;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Editor;

/// <summary>The tip library through the JSON API: search, add, edit, retire, restore; every change versioned and audited.</summary>
public sealed class EditorTipsTests : IAsyncLifetime
{
    private CareerKitApp _app = null!;
    private HttpClient _editor = null!;
    private IReadOnlyList<Tip> _seeds = null!;

    public async Task InitializeAsync()
    {
        // Tables of its own: edited and retired seed tips must not reach other tests' editions.
        _app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:TablePrefix"] = $"tp{Guid.NewGuid():N}"[..14] });
        _editor = _app.NewClient();
        _editor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await EditorBrowser.AddEditorAsync(_app, "tip-editor"));
        _seeds = _app.Services.GetRequiredService<CuratedTips>().Seeds;
    }

    public async Task DisposeAsync()
    {
        _editor.Dispose();
        await _app.DisposeAsync();
    }

    private static string Words(int count, string word = "practice") => string.Join(' ', Enumerable.Repeat(word, count));

    private static object NewTip(string title, string body, string[]? tracks = null, string topic = "projects") =>
        new { title, tracks = tracks ?? ["ai"], topic, source = "practice", body };

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? version = null, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (version is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", version);
        }

        return _editor.SendAsync(request);
    }

    private async Task<List<string>> SearchAsync(string query) =>
        [.. (await _editor.GetFromJsonAsync<JsonArray>($"/api/editor/tips{query}"))!.Select(tip => tip!["id"]!.GetValue<string>())];

    [Fact]
    public async Task An_added_tip_gets_an_id_from_its_title_is_found_by_search_and_can_go_into_an_edition()
    {
        var added = await _editor.PostAsJsonAsync("/api/editor/tips", NewTip("Ship a RAG demo, end to end!", $"Build a small retrieval demo. {Words(70)} See https://example.org/rag for ideas.", topic: "Portfolio"));
        var body = await added.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("ship-a-rag-demo-end-to-end", body!["id"]!.GetValue<string>());
        Assert.Equal("/api/editor/tips/ship-a-rag-demo-end-to-end", added.Headers.Location!.OriginalString);
        Assert.Equal("portfolio", body["topic"]!.GetValue<string>());
        Assert.Contains("ship-a-rag-demo-end-to-end", await SearchAsync("?track=ai&topic=portfolio&q=retrieval"));
        Assert.DoesNotContain("ship-a-rag-demo-end-to-end", await SearchAsync("?track=ml"));
        Assert.DoesNotContain("ship-a-rag-demo-end-to-end", await SearchAsync("?q=kubernetes"));

        var draft = await _editor.PostAsJsonAsync("/api/editor/drafts", new { track = "ai", subject = "New tip", intro = "", tipIds = new[] { "ship-a-rag-demo-end-to-end" } });
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var id = (await draft.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var preview = await _editor.GetFromJsonAsync<JsonObject>($"/api/editor/drafts/{id}/preview");
        Assert.Contains("Ship a RAG demo, end to end!", preview!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var audit = await _editor.GetFromJsonAsync<JsonArray>("/api/editor/audit");
        Assert.Contains(audit!, entry => entry!["action"]!.GetValue<string>() == "added tip" && entry["editor"]!.GetValue<string>() == "tip-editor");
    }

    [Fact]
    public async Task A_tip_with_problems_is_refused_with_every_problem_by_field()
    {
        var refused = await _editor.PostAsJsonAsync("/api/editor/tips", new { title = "", tracks = new[] { "data" }, topic = "", source = "", body = "Too short, see http://example.org." });
        var problem = await refused.Content.ReadFromJsonAsync<JsonObject>();
        var errors = problem!["errors"]!.AsObject();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["body", "id", "source", "title", "topic", "tracks"], errors.Select(error => error.Key).Order());
        Assert.Contains(errors["body"]!.AsArray(), message => message!.GetValue<string>().StartsWith("the link http://example.org", StringComparison.Ordinal));
        Assert.Contains(errors["body"]!.AsArray(), message => message!.GetValue<string>().Contains("a tip has 60 to 250", StringComparison.Ordinal));

        var taken = await _editor.PostAsJsonAsync("/api/editor/tips", new { id = _seeds[0].Id, title = "Any", tracks = new[] { "ml" }, topic = "skills", source = "practice", body = Words(70) });
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("exists already", (await taken.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["id"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var hostile = await _editor.PostAsJsonAsync("/api/editor/tips", new { id = "../../etc", title = "x", tracks = new[] { "ml" }, topic = "skills", source = "practice", body = Words(70) });
        Assert.Equal(HttpStatusCode.BadRequest, hostile.StatusCode);
        Assert.True((await hostile.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("id"));
    }

    [Fact]
    public async Task Editing_a_seed_tip_needs_its_version_and_a_second_editor_with_an_old_version_is_told()
    {
        var seed = _seeds[1];
        var opened = await _editor.GetAsync($"/api/editor/tips/{seed.Id}");
        var version = opened.Headers.ETag!.ToString();
        object Edit(string title) => new { title, tracks = seed.Tracks, topic = seed.Topic, source = seed.Source, body = seed.Body };

        var unversioned = await SendAsync(HttpMethod.Put, $"/api/editor/tips/{seed.Id}", body: Edit("New title"));
        var first = await SendAsync(HttpMethod.Put, $"/api/editor/tips/{seed.Id}", version, Edit("A sharper title"));
        var second = await SendAsync(HttpMethod.Put, $"/api/editor/tips/{seed.Id}", version, Edit("Someone else's title"));
        var now = await _editor.GetFromJsonAsync<JsonObject>($"/api/editor/tips/{seed.Id}");

        Assert.Equal(HttpStatusCode.PreconditionRequired, unversioned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(version, first.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Contains("Someone else changed this tip", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("A sharper title", now!["title"]!.GetValue<string>());
        Assert.Equal("tip-editor", now["updatedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_retired_tip_leaves_the_library_editors_pick_from_and_can_be_restored()
    {
        var seed = _seeds.First(tip => tip.AppliesTo(Track.Ml));
        var version = (await _editor.GetAsync($"/api/editor/tips/{seed.Id}")).Headers.ETag!.ToString();

        var retired = await SendAsync(HttpMethod.Post, $"/api/editor/tips/{seed.Id}/retire", version);
        var picked = await _editor.PostAsJsonAsync("/api/editor/drafts", new { track = "ml", subject = "Retired tip", tipIds = new[] { seed.Id } });
        var active = await SearchAsync("");
        var everything = await SearchAsync("?retired=true");
        var weekly = (await _app.Services.GetRequiredService<CuratedTips>().CurrentAsync(CancellationToken.None)).Active;
        var restored = await SendAsync(HttpMethod.Post, $"/api/editor/tips/{seed.Id}/restore", retired.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, picked.StatusCode);
        Assert.DoesNotContain(seed.Id, active);
        Assert.Contains(seed.Id, everything);
        Assert.DoesNotContain(weekly, tip => tip.Id == seed.Id);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Contains(seed.Id, await SearchAsync(""));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, "/api/editor/tips/no-such-tip/retire", "\"x\"")).StatusCode);
    }

    [Fact]
    public async Task The_tip_api_answers_no_one_without_a_key()
    {
        using var anonymous = _app.NewClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/editor/tips")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/editor/tips", NewTip("x", Words(70)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync($"/api/editor/tips/{_seeds[0].Id}", NewTip("x", Words(70)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/editor/tips/{_seeds[0].Id}/retire", null)).StatusCode);
    }
}
