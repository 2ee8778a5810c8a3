using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CareerKit.Tests.Infrastructure;
using CareerKit.Tests.Newsletter;

namespace CareerKit.Tests.Editor;

/// <summary>Editors see each tip's sent, useful and not-for-me figures (never who answered), and the compose picker sorts by them.</summary>
public sealed class TipFiguresTests
{
    /// <summary>A sent edition of three tips or more: the first found useful, the second not for me, the third unanswered.</summary>
    private static async Task<(TipFeedbackTests.SentEdition Week, EditorBrowser Browser)> AnsweredAsync(int year)
    {
        var week = await TipFeedbackTests.SentEditionAsync(year);
        Assert.True(week.Edition.TipIds.Count >= 3);
        await week.PressAsync(week.Link(0), "useful");
        await week.PressAsync(week.Link(1), "not-for-me");
        var browser = new EditorBrowser(week.App);
        await browser.SignInAsync(await EditorBrowser.AddEditorAsync(week.App, EditorBrowser.NewName()));
        return (week, browser);
    }

    private static string Row(string page, string tipId) =>
        Regex.Match(page, $"<tr><td><a href=\"/editor/tips/{tipId}\">.*?</tr>", RegexOptions.Singleline).Value;

    [Fact]
    public async Task The_tip_list_and_the_api_show_each_tips_sent_useful_and_not_for_me_and_nobody_who_answered()
    {
        var (week, browser) = await AnsweredAsync(2170);
        await using var _ = week;
        using var __ = browser;
        var tips = week.Edition.TipIds;
        using var api = week.App.NewClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await EditorBrowser.AddEditorAsync(week.App, EditorBrowser.NewName()));

        var list = await browser.Client.GetStringAsync("/editor/tips?track=ml");
        var found = (await api.GetFromJsonAsync<JsonArray>("/api/editor/tips?track=ml"))!.Select(tip => tip!.AsObject()).ToDictionary(tip => tip["id"]!.GetValue<string>());
        var one = (await api.GetFromJsonAsync<JsonObject>($"/api/editor/tips/{tips[1]}"))!;

        Assert.Contains("<th scope=\"col\">Sent</th><th scope=\"col\">Useful</th><th scope=\"col\">Not for me</th>", list, StringComparison.Ordinal);
        Assert.EndsWith("<td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">0</td></tr>", Row(list, tips[0]), StringComparison.Ordinal);
        Assert.EndsWith("<td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">1</td></tr>", Row(list, tips[1]), StringComparison.Ordinal);
        Assert.EndsWith("<td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">0</td></tr>", Row(list, tips[2]), StringComparison.Ordinal);
        Assert.Equal("""{"sent":1,"useful":1,"notForMe":0}""", found[tips[0]]["feedback"]!.ToJsonString());
        Assert.Equal("""{"sent":1,"useful":0,"notForMe":1}""", one["feedback"]!.ToJsonString());
        Assert.DoesNotContain(week.SubscriberId, list, StringComparison.Ordinal);
        Assert.DoesNotContain(week.SubscriberId, found[tips[0]].ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_compose_picker_shows_the_figures_and_sorts_by_most_and_least_useful()
    {
        var (week, browser) = await AnsweredAsync(2171);
        await using var _ = week;
        using var __ = browser;
        var tips = week.Edition.TipIds;
        int At(string page, string tipId) => page.IndexOf($"id=\"tip-{tipId}\"", StringComparison.Ordinal);

        var useful = await browser.Client.GetStringAsync("/editor/editions/new?track=ml&sort=useful");
        var leastUseful = await (await browser.PostFormAsync("/editor/editions/new", "/editor/editions/new", ("track", "ml"), ("sort", "least-useful"), ("do", "filter"))).Content.ReadAsStringAsync();

        Assert.Contains("<option value=\"useful\" selected>", useful, StringComparison.Ordinal);
        Assert.True(At(useful, tips[0]) < At(useful, tips[2]) && At(useful, tips[2]) < At(useful, tips[1]), "most useful first");
        Assert.Contains("<option value=\"least-useful\" selected>", leastUseful, StringComparison.Ordinal);
        Assert.True(At(leastUseful, tips[1]) < At(leastUseful, tips[2]) && At(leastUseful, tips[2]) < At(leastUseful, tips[0]), "least useful first");
        // The picker's row: words, then sent, useful and not for me, each in its own figure column.
        Assert.Matches($"id=\"tip-{tips[0]}\".*?<td class=\"num\">\\d+</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">0</td></tr>", useful);
    }
}
