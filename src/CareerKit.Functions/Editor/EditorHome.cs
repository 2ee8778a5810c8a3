using CareerKit.Newsletter;
using CareerKit.Pages;
using CareerKit.Subscriptions;
using Microsoft.AspNetCore.Antiforgery;

namespace CareerKit.Editor;

/// <summary>One edition as editors see it: where it stands and how it did (from SendGrid's events).</summary>
public sealed record EditionSummary(string Id, string Track, string IsoWeek, string Subject, string Status, int Recipients, int Delivered, int Bounced, int Opened, int Clicked, int Unsubscribed);

/// <summary>GET /editor (editions with their figures) and GET /editor/audit; the same data under /api/editor.</summary>
public static class EditorHome
{
    public static IEndpointRouteBuilder MapEditorHome(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/editor").RequireAuthorization(EditorAuthentication.Policy);
        pages.MapGet("", ShowAsync);
        pages.MapGet("/audit", ShowAuditAsync);
        var api = app.MapGroup("/api/editor").RequireAuthorization(EditorAuthentication.Policy);
        api.MapGet("/editions", async (EditionStore editions, EventRecorder events, CancellationToken cancellationToken) =>
            TypedResults.Ok(await SummariesAsync(editions, events, cancellationToken)));
        api.MapGet("/audit", async (AuditLog audit, CancellationToken cancellationToken) => TypedResults.Ok(await audit.LatestAsync(100, cancellationToken)));
        return app;
    }

    public static async Task<IResult> ShowAsync(HttpContext context, EditionStore editions, EventRecorder events, EditionDesk desk, IAntiforgery antiforgery, PageRenderer pages, CancellationToken cancellationToken)
    {
        var summaries = await SummariesAsync(editions, events, cancellationToken);
        var zone = EditorTimeZone.Of(context);
        var drafts = (await desk.ListAsync(cancellationToken)).Select(draft => new
        {
            draft.Id,
            draft.Subject,
            draft.Status,
            Track = Tracks.TryParse(draft.Track, out var track) ? track.DisplayName() : draft.Track,
            SendAt = draft.SendAt is { } sendAt ? EditorTimeZone.Show(sendAt, zone) : "",
        }).ToList();
        var groups = Tracks.All.Select(track => new { Name = track.DisplayName(), Code = track.Code(), Editions = summaries.Where(item => item.Track == track.Code()).ToList() });
        return pages.Page("editor-home", "Editor", new
        {
            Editor = context.User.Identity!.Name,
            Groups = groups,
            IsEmpty = summaries.Count == 0,
            Drafts = drafts,
            Chart = EditionChart.Svg(summaries),
            Legend = EditionChart.Legend(),
            SignOut = SignOutForm(context, antiforgery),
        });
    }

    public static async Task<IResult> ShowAuditAsync(HttpContext context, AuditLog audit, IAntiforgery antiforgery, PageRenderer pages, CancellationToken cancellationToken)
    {
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

    /// <summary>Every edition with its figures, newest first: all editions, whatever their status.</summary>
    public static async Task<List<EditionSummary>> SummariesAsync(EditionStore editions, EventRecorder events, CancellationToken cancellationToken)
    {
        var summaries = new List<EditionSummary>();
        var all = editions.AllAsync(cancellationToken);
        var allCounts = await events.AllCountsAsync(cancellationToken);
        foreach (var record in await all)
        {
            var counts = allCounts.GetValueOrDefault(record.Id) ?? [];
            int Count(params string[] types) => types.Sum(type => counts.GetValueOrDefault(type));
            summaries.Add(new EditionSummary(
                record.Id, record.Track, record.IsoWeek, record.Subject, record.Status switch { EditionStatus.Queued => "sent", EditionStatus.Scheduled => "scheduled", _ => "sending" }, record.Recipients,
                Count("delivered"), Count("bounce", "dropped"), Count("open"), Count("click"), Count("unsubscribe", "group_unsubscribe", "spamreport")));
        }

        return summaries;
    }

    internal static object SignOutForm(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new { Field = tokens.FormFieldName, Token = tokens.RequestToken };
    }
}
