using CareerKit.Hosting;
using CareerKit.Pages;
using CareerKit.Rendering;
using Microsoft.Extensions.Options;

namespace CareerKit.Newsletter;

/// <summary>
/// The public archive: past editions per track, each shown as subscribers got it but with nothing personal in it,
/// and an Atom feed of them. The handlers <see cref="ArchiveFunctions"/> calls.
/// </summary>
public static class ArchivePages
{
    /// <summary>Editions change only once a week: let browsers and shared caches keep them a while.</summary>
    private const string Cacheable = "public, max-age=300";

    public static async Task<IResult> ListAsync(HttpContext context, EditionStore editions, PageRenderer pages, CancellationToken cancellationToken)
    {
        var sent = await editions.SentAsync(cancellationToken);
        var groups = Tracks.All.Select(track => new
        {
            Name = track.DisplayName(),
            Code = track.Code(),
            Editions = sent.Where(record => record.Track == track).Select(record => new
            {
                record.Id,
                record.Subject,
                record.Preheader,
                Week = record.IsoWeek,
                Date = Edition.MondayOf(record.IsoWeek).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture),
                DateIso = Edition.MondayOf(record.IsoWeek).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            }).ToList(),
        }).ToList();
        context.Response.Headers.CacheControl = Cacheable;
        return pages.Page("archive", "Past editions", new { Groups = groups, IsEmpty = sent.Count == 0 });
    }

    public static async Task<IResult> ShowAsync(string editionId, HttpContext context, EditionStore editions, PageRenderer pages, IOptions<CareerKitOptions> options, CancellationToken cancellationToken)
    {
        if (!Edition.TryParseId(editionId, out var isoWeek, out var track)
            || await editions.FindAsync(track, isoWeek, cancellationToken) is not { Status: EditionStatus.Queued } record)
        {
            return pages.Error(StatusCodes.Status404NotFound, "No such edition",
                "There is no past edition at this address. Editions are named like 2026-W48-ml; see the list of past editions at /archive.");
        }

        context.Response.Headers.CacheControl = Cacheable;
        return Results.Content(Anonymous(await editions.HtmlAsync(record.Id, cancellationToken), options.Value), "text/html; charset=utf-8");
    }

    public static async Task<IResult> FeedAsync(HttpContext context, EditionStore editions, IOptions<CareerKitOptions> options, CancellationToken cancellationToken)
    {
        var sent = await editions.SentAsync(cancellationToken);
        context.Response.Headers.CacheControl = Cacheable;
        return Results.Bytes(ArchiveFeed.Write(sent, options.Value), "application/atom+xml; charset=utf-8");
    }

    /// <summary>
    /// The edition as a subscriber without a first name sees it, with the personal links pointing at the sign-up
    /// page: no name, no token, nothing that identifies anyone.
    /// </summary>
    private static string Anonymous(string html, CareerKitOptions options)
    {
        var signup = TemplateLibrary.HtmlEscape(options.LinkTo("/"));
        return html
            .Replace(EditionComposer.FirstNamePlaceholder, "", StringComparison.Ordinal)
            .Replace(EditionComposer.UnsubscribePlaceholder, signup, StringComparison.Ordinal)
            .Replace(EditionComposer.PreferencesPlaceholder, signup, StringComparison.Ordinal);
    }
}
