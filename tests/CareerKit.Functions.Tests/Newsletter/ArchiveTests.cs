using System.Net;
using System.Xml.Linq;
using CareerKit.Newsletter;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Newsletter;

/// <summary>The public archive of sent editions: the list, one edition without anything personal, the Atom feed.</summary>
public sealed class ArchiveTests : IAsyncLifetime
{
    private CareerKitApp _app = null!;

    public async Task InitializeAsync() => _app = await CareerKitApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_archive_lists_sent_editions_under_their_track_and_not_unsent_ones()
    {
        var sent = await StoredEditions.StoreAsync(_app, Track.Ai, 2201, queued: true);
        var unsent = await StoredEditions.StoreAsync(_app, Track.Ai, 2202);

        var response = await _app.Client.GetAsync("/archive");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        var aiSection = html[html.IndexOf("id=\"track-ai\"", StringComparison.Ordinal)..html.IndexOf("id=\"track-both\"", StringComparison.Ordinal)];
        Assert.Contains($"href=\"/archive/{sent.Id}\"", aiSection);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(sent.Subject), aiSection);
        var monday = Edition.MondayOf(sent.IsoWeek);
        Assert.Contains($"<time datetime=\"{monday:yyyy-MM-dd}\">{monday.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}</time>", aiSection);
        Assert.DoesNotContain(unsent.Id, html);
        Assert.Contains("href=\"/archive/feed.xml\"", html);
    }

    [Fact]
    public async Task An_archived_edition_is_the_email_subscribers_got_with_nothing_personal_in_it()
    {
        var sent = await StoredEditions.StoreAsync(_app, Track.Ml, 2203, queued: true);
        var tips = sent.TipIds.Select(id => _app.Services.GetRequiredService<CuratedTips>().Seeds.Single(tip => tip.Id == id)).ToList();

        var response = await _app.Client.GetAsync($"/archive/{sent.Id}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Hi, here are this week's tips", html);
        Assert.All(tips, tip => Assert.Contains(System.Net.WebUtility.HtmlEncode(tip.Title), html));
        Assert.DoesNotContain("ckph-", html); // No placeholder left unfilled.
        Assert.DoesNotContain("token=", html); // No personal unsubscribe or preferences link.
        Assert.Contains($"href=\"{_app.BaseAddress}\"", html); // Those links lead to the sign-up page instead.
    }

    [Theory]
    [InlineData("2026-W99-ml")]
    [InlineData("2025-W53-ml")] // 2025 has 52 ISO weeks.
    [InlineData("2026-W48-xx")]
    [InlineData("0000-W01-ml")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("2299-W10-both")] // Well-formed, never composed.
    public async Task A_malformed_or_unknown_edition_is_a_404_page_that_leads_back_to_the_archive(string editionId)
    {
        var response = await _app.Client.GetAsync($"/archive/{editionId}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No such edition", html);
        Assert.Contains("/archive", html);
    }

    [Fact]
    public async Task An_edition_composed_but_not_yet_sent_is_not_in_the_archive()
    {
        var unsent = await StoredEditions.StoreAsync(_app, Track.Both, 2204);

        var response = await _app.Client.GetAsync($"/archive/{unsent.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_feed_is_Atom_with_an_entry_per_sent_edition_linking_to_its_archive_page()
    {
        var sent = await StoredEditions.StoreAsync(_app, Track.Both, 2205, queued: true);

        var response = await _app.Client.GetAsync("/archive/feed.xml");
        var text = await response.Content.ReadAsStringAsync();
        var feed = XDocument.Parse(text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text); // As served: a reader trusts the declaration.
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal(atom + "feed", feed.Root!.Name);
        var entry = Assert.Single(feed.Root.Elements(atom + "entry"), item => item.Element(atom + "id")!.Value.EndsWith($"/archive/{sent.Id}", StringComparison.Ordinal));
        Assert.Equal(sent.Subject, entry.Element(atom + "title")!.Value);
        var link = new Uri(entry.Element(atom + "link")!.Attribute("href")!.Value);
        Assert.True(link.IsAbsoluteUri);
        Assert.Equal(HttpStatusCode.OK, (await _app.Client.GetAsync(link.PathAndQuery)).StatusCode);
        Assert.Equal(Edition.MondayOf(sent.IsoWeek).ToString("yyyy-MM-dd'T'00:00:00'Z'", System.Globalization.CultureInfo.InvariantCulture), entry.Element(atom + "updated")!.Value);
    }

    [Fact]
    public async Task The_sign_up_page_links_to_the_archive()
    {
        var html = await _app.Client.GetStringAsync("/");

        Assert.Contains("href=\"/archive\">Read past editions</a>", html);
    }
}
