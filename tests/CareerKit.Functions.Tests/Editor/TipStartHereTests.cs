using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CareerKit.Newsletter;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Editor;

/// <summary>Editors mark a tip as one of its track's "start here" tips (the welcome email's list), and clear it, from the form and the API.</summary>
public sealed class TipStartHereTests : IAsyncLifetime
{
    private const string SeedStartHere = "both-background"; // start: 2 in seeds/tips.
    private CareerKitApp _app = null!;
    private EditorBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        // Tables of its own: a seed tip changed here must not change other tests' welcome emails.
        _app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:TablePrefix"] = $"sh{Guid.NewGuid():N}"[..14] });
        _browser = new EditorBrowser(_app);
        await _browser.SignInAsync(await EditorBrowser.AddEditorAsync(_app, EditorBrowser.NewName()));
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<Tip> StoredAsync(string id)
    {
        var tips = _app.Services.GetRequiredService<CuratedTips>();
        tips.Forget();
        return (await tips.CurrentAsync(CancellationToken.None)).Find(id)!.Tip;
    }

    private async Task<HttpResponseMessage> SaveFormAsync(string id, string start)
    {
        var page = await _browser.Client.GetStringAsync($"/editor/tips/{id}");
        string Field(string name) => WebUtility.HtmlDecode(Regex.Match(page, $"name=\"{name}\" value=\"(?<v>[^\"]*)\"").Groups["v"].Value);
        var tip = await StoredAsync(id);
        return await _browser.PostFormAsync($"/editor/tips/{id}", $"/editor/tips/{id}",
            [("version", Field("version")), ("title", tip.Title), .. tip.Tracks.Select(track => ("tracks", track)), ("topic", tip.Topic), ("source", tip.Source), ("body", tip.Body), ("start", start)]);
    }

    [Fact]
    public async Task The_tip_form_shows_sets_and_clears_the_start_here_place_and_refuses_a_place_below_1()
    {
        var form = await _browser.Client.GetStringAsync($"/editor/tips/{SeedStartHere}");
        var cleared = await SaveFormAsync(SeedStartHere, "");
        var afterClear = await StoredAsync(SeedStartHere);
        var set = await SaveFormAsync(SeedStartHere, "4");
        var afterSet = await StoredAsync(SeedStartHere);
        var refused = await SaveFormAsync(SeedStartHere, "0");

        Assert.Matches("<input type=\"number\" id=\"start\" name=\"start\" value=\"2\"", form);
        Assert.Equal(HttpStatusCode.SeeOther, cleared.StatusCode);
        Assert.Null(afterClear.Start);
        Assert.Equal(HttpStatusCode.SeeOther, set.StatusCode);
        Assert.Equal(4, afterSet.Start);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"start-error\">", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(4, (await StoredAsync(SeedStartHere)).Start);
    }

    [Fact]
    public async Task The_api_sets_and_clears_the_start_here_place_and_the_welcome_email_follows()
    {
        using var api = _app.NewClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await EditorBrowser.AddEditorAsync(_app, EditorBrowser.NewName()));
        const string id = "ml-error-analysis"; // Not a start-here tip as shipped.
        async Task<HttpResponseMessage> PutAsync(int? start)
        {
            var current = (await api.GetAsync($"/api/editor/tips/{id}"));
            var tip = (await current.Content.ReadFromJsonAsync<JsonObject>())!;
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/editor/tips/{id}")
            {
                Content = JsonContent.Create(new { title = tip["title"]!.GetValue<string>(), tracks = tip["tracks"], topic = tip["topic"]!.GetValue<string>(), source = tip["source"]!.GetValue<string>(), body = tip["body"]!.GetValue<string>(), start }),
            };
            request.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.ToString());
            return await api.SendAsync(request);
        }

        Assert.Null((await StoredAsync(id)).Start);
        var set = await PutAsync(1);
        var email = CareerKitApp.NewAddress("start-here");
        await _app.SubscribeAndConfirmAsync(email, "ml");
        var cleared = await PutAsync(null);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(1, (await set.Content.ReadFromJsonAsync<JsonObject>())!["start"]!.GetValue<int>());
        var welcome = Assert.Single(_app.SendGrid.EmailsTo(email), sent => sent.Subject.StartsWith("Welcome to CareerKit", StringComparison.Ordinal));
        Assert.Contains((await StoredAsync(id)).Title, welcome.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Null((await cleared.Content.ReadFromJsonAsync<JsonObject>())!["start"]);
        Assert.Null((await StoredAsync(id)).Start);
    }
}
