using CareerKit.Newsletter;
using CareerKit.Rendering;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Newsletter;

public sealed class EditionComposerTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly EditionComposer Composer = new(new TemplateLibrary(TemplateLibrary.DefaultRoot));

    private static IReadOnlyList<Tip> ShippedTips(Track track) =>
        TipRotation.Choose(TipLibrary.Load(Path.Combine(RepositoryRootAttribute.Value, "seeds", "tips")).Tips, track, []).Chosen;

    [Fact]
    public void An_edition_has_a_subject_preheader_and_three_tips_in_html_and_text()
    {
        var tips = ShippedTips(Track.Ml);

        var edition = Composer.Compose(Track.Ml, Monday, tips, "https://careerkit.example/archive");

        Assert.Equal("2026-W48-ml", edition.Id);
        Assert.Equal($"{tips[0].Title} and 2 more ML engineer tips", edition.Subject);
        Assert.Equal(3, edition.TipIds.Count);
        Assert.All(tips, tip => Assert.Contains(System.Net.WebUtility.HtmlEncode(tip.Title), edition.Html));
        Assert.All(tips, tip => Assert.Contains(tip.Title, edition.Text));
        Assert.Contains("<strong>", edition.Html); // Markdown became HTML.
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(edition.Html) < 100 * 1024, "Gmail clips emails over 102 KB");
        Assert.Contains("prefers-color-scheme: dark", edition.Html);
    }

    [Fact]
    public void Markup_in_a_tip_stays_text_and_never_runs()
    {
        var body = "<script>alert(1)</script> <img src=x onerror=alert(2)> <form action=\"https://evil.example\"><input name=pw></form> [click](javascript:alert(3)) "
            + string.Join(' ', Enumerable.Repeat("word", 60));
        var hostile = new Tip("hostile", "<b>Title</b>", ["ml"], "t", "s", body);

        var edition = Composer.Compose(Track.Ml, Monday, [hostile, hostile, hostile], "https://careerkit.example/archive");
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(edition.Html);

        Assert.Empty(document.QuerySelectorAll("script, img, form, input")); // No images at all: no tracking pixels from a tip.
        Assert.DoesNotContain(document.All.SelectMany(element => element.Attributes), attribute => attribute.Name.StartsWith("on", StringComparison.Ordinal));
        Assert.Contains("&lt;form action=", edition.Html); // Raw HTML is text, shown as typed.
        Assert.DoesNotContain("href=\"javascript:", edition.Html);
        Assert.DoesNotContain("<b>Title</b>", edition.Html); // A title is text, escaped.
        Assert.Contains("click", document.Body!.TextContent, StringComparison.Ordinal); // The link's words stay; its javascript: address goes.
        Assert.DoesNotContain("<script", edition.Text);
    }

    [Fact]
    public void Each_recipient_gets_their_own_name_and_links_without_re_rendering()
    {
        var edition = Composer.Compose(Track.Ai, Monday, ShippedTips(Track.Ai), "https://careerkit.example/archive");

        var (html, text) = EditionComposer.Personalize(edition, new Recipient("Zoë <b>", "https://careerkit.example/u?token=a&b", "https://careerkit.example/p?token=c", tip => $"https://careerkit.example/f?tip={tip}&token=d"));
        var (anonymousHtml, _) = EditionComposer.Personalize(edition, new Recipient(null, "https://u", "https://p", _ => "https://f"));

        Assert.Contains("Hi Zoë &lt;b&gt;, here are this week", html);
        Assert.Contains("href=\"https://careerkit.example/u?token=a&amp;b\"", html);
        Assert.All(edition.TipIds, tip => Assert.Contains($"href=\"https://careerkit.example/f?tip={tip}&amp;token=d&amp;answer=not-for-me\"", html));
        Assert.Contains($"Useful? https://careerkit.example/f?tip={edition.TipIds[0]}&token=d&answer=useful", text);
        Assert.Contains("Unsubscribe: https://careerkit.example/u?token=a&b", text);
        Assert.Contains("Hi, here are this week", anonymousHtml);
        Assert.DoesNotContain("ckph-", html + text);
    }
}
