using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CareerKit.Newsletter;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Editor;

/// <summary>
/// The editor API tests' set-up: an app with tables of its own (so "every confirmed subscriber of the track" means the
/// test's), an editor's client with a Bearer key, and the seed tips of the ML track.
/// </summary>
internal sealed class EditorApi : IAsyncDisposable
{
    private EditorApi(CareerKitApp app, HttpClient editor, List<Tip> mlTips) => (App, Editor, MlTips) = (app, editor, mlTips);

    public CareerKitApp App { get; }

    public HttpClient Editor { get; }

    public List<Tip> MlTips { get; }

    public static async Task<EditorApi> StartAsync(string tablePrefix, DateTimeOffset clockStart)
    {
        var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:TablePrefix"] = $"{tablePrefix}{Guid.NewGuid():N}"[..14] }, clockStart: clockStart);
        var editor = app.NewClient();
        editor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await EditorBrowser.AddEditorAsync(app, EditorBrowser.NewName()));
        return new EditorApi(app, editor, [.. app.Services.GetRequiredService<CuratedTips>().Seeds.Where(tip => tip.AppliesTo(Track.Ml))]);
    }

    /// <summary>Creates a draft; its id and ETag.</summary>
    public async Task<(string Id, string ETag)> CreateDraftAsync(object draft)
    {
        var created = await Editor.PostAsJsonAsync("/api/editor/drafts", draft);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return ((await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>(), created.Headers.ETag!.ToString());
    }

    /// <summary>A request as the editor, with If-Match when an ETag is given.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? etag = null, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return Editor.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Editor.Dispose();
        await App.DisposeAsync();
    }
}
