using CareerKit.Hosting;
using CareerKit.Newsletter;
using CareerKit.Pages;
using Microsoft.AspNetCore.Antiforgery;

namespace CareerKit.Editor;

/// <summary>
/// One edition as editors see it: where it stands and how it did (from SendGrid's events). <paramref name="OutcomeUnknown"/>:
/// recipients of held batches, which SendGrid may or may not have sent and which were not resent.
/// </summary>
public sealed record EditionSummary(string Id, Track Track, string IsoWeek, string Subject, string Status, int Recipients, int Delivered, int Bounced, int Opened, int Clicked, int Unsubscribed, int OutcomeUnknown);

/// <summary>The pages GET /editor (editions with their figures) and GET /editor/audit (<see cref="EditorPageFunctions"/>).</summary>
public static class EditorHome
{
    public const int DraftsPerPage = 25;
    public const int EditionsPerTrack = 10;

    /// <summary>
    /// The editors' editions a page at a time (?page=), and each track's latest editions with their figures (all of one
    /// track with ?all=track). A page number that is not a number is a 400 page.
    /// </summary>
    public static async Task<IResult> ShowAsync(HttpRequest request, EditionBoard board, IAntiforgery antiforgery, PageRenderer pages)
    {
        if (!QueryValues.TryParse<int>(request, "page", out var page, out _))
        {
            return pages.Error(StatusCodes.Status400BadRequest, "That page number is not valid.", "Page numbers are whole numbers: use the Newer and Older links.");
        }

        var context = request.HttpContext;
        var all = QueryValues.String(request, "all");
        var view = await board.ReadAsync();
        var zone = EditorTimeZone.Of(context);
        var pageCount = Math.Max(1, (view.Drafts.Count + DraftsPerPage - 1) / DraftsPerPage);
        var current = Math.Clamp(page ?? 1, 1, pageCount);
        var drafts = view.Drafts.Skip((current - 1) * DraftsPerPage).Take(DraftsPerPage).Select(draft => new
        {
            draft.Id,
            draft.Subject,
            draft.Status,
            Track = draft.Track.DisplayName(),
            SendAt = draft.SendAt is { } sendAt ? EditorTimeZone.Show(sendAt, zone) : "",
        }).ToList();
        var groups = Tracks.All.Select(track =>
        {
            var editions = view.Editions.Where(item => item.Track == track).ToList();
            var showAll = all == track.Code();
            return new
            {
                Name = track.DisplayName(),
                Code = track.Code(),
                Editions = showAll ? editions : [.. editions.Take(EditionsPerTrack)],
                Total = editions.Count,
                More = !showAll && editions.Count > EditionsPerTrack,
                OutcomeUnknown = editions.Any(edition => edition.OutcomeUnknown > 0),
            };
        });
        return pages.Page("editor-home", "Editor", new
        {
            Editor = context.User.Identity!.Name,
            Groups = groups,
            IsEmpty = view.Editions.Count == 0,
            Drafts = drafts,
            DraftCount = view.Drafts.Count,
            Page = current,
            PageCount = pageCount,
            Newer = current > 1 ? current - 1 : (int?)null,
            Older = current < pageCount ? current + 1 : (int?)null,
            Chart = EditionChart.Svg(view.Editions),
            Legend = EditionChart.Legend(),
            SignOut = SignOutForm(context, antiforgery),
        });
    }

    public static async Task<IResult> ShowAuditAsync(HttpRequest request, AuditLog audit, IAntiforgery antiforgery, PageRenderer pages, CancellationToken cancellationToken)
    {
        var context = request.HttpContext;
        var entries = (await audit.LatestAsync(100, cancellationToken)).Select(entry => new
        {
            At = entry.At.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
            AtIso = entry.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            entry.Editor,
            entry.Action,
            entry.Detail,
        });
        return pages.Page("editor-audit", "Editor audit", new { Editor = context.User.Identity!.Name, Entries = entries, SignOut = SignOutForm(context, antiforgery) });
    }

    internal static object SignOutForm(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new { Field = tokens.FormFieldName, Token = tokens.RequestToken };
    }
}
