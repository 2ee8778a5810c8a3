using CareerKit.Hosting;
using CareerKit.Newsletter;
using Microsoft.Extensions.Options;

namespace CareerKit.Editor;

public sealed record ScheduleRequest(DateTimeOffset? SendAt);

public sealed record TestSendRequest(string? To);

/// <summary>
/// The handlers of /api/editor/drafts (<see cref="EditorApiFunctions"/>): compose, preview, test-send, schedule and cancel
/// editors' editions. Every change needs the version it was made from (If-Match), so two editors cannot overwrite each
/// other unknowingly.
/// </summary>
public static class EditorEditionsApi
{
    /// <summary>An edition's intro may be 20 KB of Markdown; the JSON around it stays well under 64 KB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static async Task<IResult> ListAsync(EditionDesk desk) => TypedResults.Ok(await desk.ListAsync());

    public static async Task<IResult> CreateAsync(HttpRequest request, EditionDesk desk, CancellationToken cancellationToken)
    {
        var input = await EditorApiRequest.ReadAsync<DraftInput>(request, cancellationToken);
        return Answer(request, await desk.CreateAsync(input, EditorApiRequest.Editor(request), cancellationToken));
    }

    public static async Task<IResult> FindAsync(string id, HttpRequest request, EditionDesk desk, CancellationToken cancellationToken) =>
        await desk.FindAsync(id, cancellationToken) is { } draft ? Answer(request, DeskOutcome<EditionDraft>.Done(draft)) : NotFound();

    public static async Task<IResult> UpdateAsync(string id, HttpRequest request, EditionDesk desk, CancellationToken cancellationToken)
    {
        var input = await EditorApiRequest.ReadAsync<DraftInput>(request, cancellationToken);
        return Answer(request, await desk.UpdateAsync(id, EditorApiRequest.Version(request), input, EditorApiRequest.Editor(request), cancellationToken));
    }

    public static async Task<IResult> TestSendAsync(string id, HttpRequest request, EditionDesk desk, CancellationToken cancellationToken)
    {
        var test = await EditorApiRequest.ReadAsync<TestSendRequest>(request, cancellationToken);
        var outcome = await desk.TestSendAsync(id, test.To, EditorApiRequest.Editor(request), cancellationToken);
        return outcome.Succeeded
            ? TypedResults.Accepted((string?)null, new { Status = "sent", Message = "The test email is on its way, marked [TEST]." })
            : Answer(request, outcome);
    }

    public static async Task<IResult> ScheduleAsync(string id, HttpRequest request, EditionDesk desk, CancellationToken cancellationToken)
    {
        var schedule = await EditorApiRequest.ReadAsync<ScheduleRequest>(request, cancellationToken);
        return Answer(request, await desk.ScheduleAsync(id, EditorApiRequest.Version(request), schedule.SendAt, EditorApiRequest.Editor(request), cancellationToken));
    }

    public static async Task<IResult> UnscheduleAsync(string id, HttpRequest request, EditionDesk desk, CancellationToken cancellationToken) =>
        Answer(request, await desk.UnscheduleAsync(id, EditorApiRequest.Version(request), EditorApiRequest.Editor(request), cancellationToken));

    public static async Task<IResult> CancelAsync(string id, HttpRequest request, EditionDesk desk, CancellationToken cancellationToken) =>
        Answer(request, await desk.CancelAsync(id, EditorApiRequest.Version(request), EditorApiRequest.Editor(request), cancellationToken));

    public static async Task<IResult> PreviewAsync(string id, EditionDrafts drafts, EditionPreview preview, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await drafts.FindAsync(id, cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        var (html, text, check) = await preview.RenderAsync(draft, time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new { draft.Subject, Html = html, Text = text, HtmlBytes = System.Text.Encoding.UTF8.GetByteCount(html), Check = check });
    }

    private static IResult Answer(HttpRequest request, DeskOutcome<EditionDraft> outcome) =>
        outcome.ToHttp(request.HttpContext, draft => draft.ETag, draft => $"/api/editor/drafts/{draft.Id}");

    private static IResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such edition.", detail: "See GET /api/editor/drafts for the editions there are.");
}

/// <summary>An editor's edition rendered exactly as subscribers will get it, for a sample subscriber, and the send gate's verdict on it.</summary>
public sealed class EditionPreview(EditionComposer composer, CuratedTips tips, EditionGate gate, IOptions<CareerKitOptions> options)
{
    public async Task<Edition> ComposeAsync(EditionDraft draft, DateTimeOffset week, CancellationToken cancellationToken)
    {
        var catalog = await tips.CurrentAsync(cancellationToken);
        var chosen = draft.TipIds.Select(id => catalog.Find(id)?.Tip).OfType<Tip>().ToList(); // Validation keeps unknown ids out of drafts.
        return composer.Compose(draft.Track, week, new EditionContent(draft.Subject, draft.Preheader, draft.Intro, chosen), options.Value.LinkTo("/archive"));
    }

    public async Task<(string Html, string Text, GateReport Check)> RenderAsync(EditionDraft draft, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var edition = await ComposeAsync(draft, draft.SendAt ?? now, cancellationToken);
        var (html, text) = EditionComposer.Personalize(edition, gate.SampleRecipient);
        return (html, text, gate.Check(edition));
    }
}
