using System.Globalization;
using System.Text;
using CareerKit.Pages;
using CareerKit.Subscriptions;
using CsvHelper;
using Microsoft.AspNetCore.Antiforgery;

namespace CareerKit.Editor;

/// <summary>
/// Subscriber counts per track and status, and the CSV export: GET /editor/subscribers, /editor/subscribers.csv (the
/// page's link, with the session cookie) and /api/editor/subscribers[.csv] (with a key). See <see cref="EditorSubscriberFunctions"/>.
/// </summary>
public static class SubscriberReport
{
    /// <summary>Counts by track, then by status: { "ml": { "Confirmed": 3, ... }, ... }.</summary>
    public static async Task<SortedDictionary<string, SortedDictionary<string, int>>> CountsAsync(SubscriberStore subscribers, CancellationToken cancellationToken)
    {
        var counts = new SortedDictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var track in Tracks.All)
        {
            counts[track.Code()] = new(Enum.GetNames<SubscriberStatus>().ToDictionary(status => status, _ => 0), StringComparer.Ordinal);
        }

        await foreach (var subscriber in subscribers.AllAsync(cancellationToken))
        {
            counts[subscriber.Track.Code()][subscriber.Status.ToString()]++;
        }

        return counts;
    }

    public static async Task<IResult> ShowAsync(HttpContext context, SubscriberStore subscribers, IAntiforgery antiforgery, PageRenderer pages, CancellationToken cancellationToken)
    {
        var counts = await CountsAsync(subscribers, cancellationToken);
        var rows = Tracks.All.Select(track => new
        {
            Name = track.DisplayName(),
            Counts = Enum.GetNames<SubscriberStatus>().Select(status => counts[track.Code()][status]).ToList(),
        });
        return pages.DeskPage("editor-subscribers", "Subscribers", new
        {
            Editor = context.User.Identity!.Name,
            Statuses = Enum.GetNames<SubscriberStatus>(),
            Rows = rows,
            SignOut = EditorHome.SignOutForm(context, antiforgery),
        });
    }

    /// <summary>
    /// Everyone still on the list (pending, confirmed, unsubscribed, suppressed: erased people have nothing left),
    /// with what an import needs. Cells that a spreadsheet would run as a formula are escaped (<see cref="SubscriberCsv"/>).
    /// </summary>
    public static IResult Export(HttpContext context, SubscriberStore subscribers, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var editor = EditorForms.Editor(context);
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"careerkit-subscribers-{time.GetUtcNow():yyyy-MM-dd}.csv\"";
        return Results.Stream(body => WriteAsync(body, subscribers, audit, editor, cancellationToken), "text/csv; charset=utf-8");
    }

    private static async Task WriteAsync(Stream body, SubscriberStore subscribers, AuditLog audit, string editor, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false));
        await using var csv = new CsvWriter(writer, SubscriberCsv.Export());
        foreach (var column in (string[])["email", "first_name", "track", "status", "consented_at", "confirmed_at", "consent_source"])
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        var exported = 0;
        await foreach (var subscriber in subscribers.AllAsync(cancellationToken))
        {
            if (subscriber.Email is not { } email)
            {
                continue;
            }

            foreach (var cell in (string[])[email, subscriber.FirstName ?? "", subscriber.Track.Code(), subscriber.Status.ToString().ToLowerInvariant(),
                Date(subscriber.ConsentedAt), Date(subscriber.ConfirmedAt), subscriber.ConsentSource ?? ""])
            {
                csv.WriteField(cell);
            }

            await csv.NextRecordAsync();
            exported++;
        }

        await csv.FlushAsync();
        await audit.RecordAsync(editor, "exported subscribers", $"{exported} rows", cancellationToken);
    }

    private static string Date(DateTimeOffset? when) => when?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
}
