using System.Net;
using CareerKit.Newsletter;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Editor;

/// <summary>The tip library pages: find, add with inline errors, edit, retire and restore.</summary>
public sealed class EditorTipPagesTests : IAsyncLifetime
{
    private CareerKitApp _app = null!;
    private EditorBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:TablePrefix"] = $"tpg{Guid.NewGuid():N}"[..14] });
        _browser = new EditorBrowser(_app);
        await _browser.SignInAsync(await EditorBrowser.AddEditorAsync(_app, "tips-page-editor"));
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _app.DisposeAsync();
    }

    private static string Body => "Pair every model you ship with a one-page note on what it is for, what it was trained on, and where it fails. "
        + string.Join(' ', Enumerable.Repeat("Reviewers read notes before code.", 12)) + " See https://example.org/model-cards.";

    private static string Version(string html) =>
        WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"version\" value=\"(?<v>[^\"]*)\"").Groups["v"].Value);

    [Fact]
    public async Task An_editor_adds_a_tip_through_the_form_after_fixing_what_it_points_out()
    {
        var refused = await _browser.PostFormAsync("/editor/tips/new", "/editor/tips/new", ("title", "Write model cards"), ("topic", "portfolio"), ("source", "practice"), ("body", "Too short."));
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        var added = await _browser.PostFormAsync("/editor/tips/new", "/editor/tips/new", ("title", "Write model cards"), ("tracks", "ml"), ("topic", "portfolio"), ("source", "practice"), ("body", Body));
        var page = await _browser.Client.GetStringAsync(added.Headers.Location!.OriginalString);
        var list = await _browser.Client.GetStringAsync("/editor/tips?track=ml&topic=portfolio&q=model+cards");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The tip was not saved", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"tracks-error\">tracks must list one or more of ml, ai, both", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"body-error\">the body has 2 words; a tip has 60 to 250", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"Write model cards\"", refusedHtml, StringComparison.Ordinal); // Nothing typed is lost.
        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        Assert.Equal("/editor/tips/write-model-cards?done=added", added.Headers.Location!.OriginalString);
        Assert.Contains("Tip added to the library.", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/editor/tips/write-model-cards\">Write model cards</a>", list, StringComparison.Ordinal);
        Assert.Contains("1 of", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editor_edits_then_retires_and_restores_a_shipped_tip()
    {
        var seed = _app.Services.GetRequiredService<CuratedTips>().Seeds[3];
        var path = $"/editor/tips/{seed.Id}";
        var version = Version(await _browser.Client.GetStringAsync(path));

        var edited = await _browser.PostFormAsync(path, path, [("version", version), ("title", "Edited: " + seed.Title), .. seed.Tracks.Select(track => ("tracks", track)), ("topic", seed.Topic), ("source", seed.Source), ("body", seed.Body)]);
        var stale = await _browser.PostFormAsync(path, path, [("version", version), ("title", "Stale"), .. seed.Tracks.Select(track => ("tracks", track)), ("topic", seed.Topic), ("source", seed.Source), ("body", seed.Body)]);
        var retired = await _browser.PostFormAsync(path, $"{path}/retire", ("version", Version(await _browser.Client.GetStringAsync(path))));
        var retiredPage = await _browser.Client.GetStringAsync(path);
        var activeList = await _browser.Client.GetStringAsync("/editor/tips");
        var restored = await _browser.PostFormAsync(path, $"{path}/restore", ("version", Version(retiredPage)));

        Assert.Equal(HttpStatusCode.SeeOther, edited.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("Someone else changed this tip.", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, retired.StatusCode);
        Assert.Contains("This tip is retired", retiredPage, StringComparison.Ordinal);
        Assert.Contains("Edited: ", retiredPage, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"{path}\"", activeList, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, restored.StatusCode);
        Assert.Contains($"href=\"{path}\"", await _browser.Client.GetStringAsync("/editor/tips"), StringComparison.Ordinal);
    }
}
