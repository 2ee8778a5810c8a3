using CareerKit.Hosting;
using CareerKit.Newsletter;
using Microsoft.Extensions.Options;

namespace CareerKit.Editor;

public sealed record ScheduleRequest(DateTimeOffset? SendAt);

public sealed record TestSendRequest(string? To);

/// <summary>
/// /api/editor/drafts: compose, preview, test-send, schedule and cancel editors' editions. Every change needs the
/// version it was made from (If-Match), so two editors cannot overwrite each other unknowingly.
/// </summary>
public static class EditorEditionsApi
{
    public const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapEditorEditionsApi(this IEndpointRouteBuilder app)
    {
        // An edition's intro may be 20 KB of Markdown; the JSON around it stays well under 64 KB.
        var api = app.MapGroup("/api/editor/drafts").RequireAuthorization(EditorAuthentication.Policy)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes));
        api.MapGet("", async (EditionDesk desk) => TypedResults.Ok(await desk.ListAsync()));
        api.MapPost("", async (DraftInput input, HttpContext context, EditionDesk desk, CancellationToken cancellationToken) =>
            Answer(context, await desk.CreateAsync(input, Editor(context), cancellationToken)));
        api.MapGet("/{id}", async (string id, HttpContext context, EditionDesk desk, CancellationToken cancellationToken) =>
            await desk.FindAsync(id, cancellationToken) is { } draft ? Answer(context, DeskOutcome<EditionDraft>.Done(draft)) : NotFound());
        api.MapPut("/{id}", async (string id, DraftInput input, HttpContext context, EditionDesk desk, CancellationToken cancellationToken) =>
            Answer(context, await desk.UpdateAsync(id, Version(context), input, Editor(context), cancellationToken)));
        api.MapGet("/{id}/preview", PreviewAsync);
        api.MapPost("/{id}/test", async (string id, TestSendRequest request, HttpContext context, EditionDesk desk, CancellationToken cancellationToken) =>
        {
            var outcome = await desk.TestSendAsync(id, request.To, Editor(context), cancellationToken);
            return outcome.Succeeded
                ? TypedResults.Accepted((string?)null, new { Status = "sent", Message = "The test email is on its way, marked [TEST]." })
                : Answer(context, outcome);
        });
        api.MapPost("/{id}/schedule", async (string id, ScheduleRequest request, HttpContext context, EditionDesk desk, CancellationToken cancellationToken) =>
            Answer(context, await desk.ScheduleAsync(id, Version(context), request.SendAt, Editor(context), cancellationToken)));
        api.MapPost("/{id}/unschedule", async (string id, HttpContext context, EditionDesk desk, CancellationToken cancellationToken) =>
            Answer(context, await desk.UnscheduleAsync(id, Version(context), Editor(context), cancellationToken)));
        api.MapPost("/{id}/cancel", async (string id, HttpContext context, EditionDesk desk, CancellationToken cancellationToken) =>
            Answer(context, await desk.CancelAsync(id, Version(context), Editor(context), cancellationToken)));
        return app;
    }

    public static async Task<IResult> PreviewAsync(string id, EditionDrafts drafts, EditionPreview preview, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await drafts.FindAsync(id, cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        var (html, text, check) = await preview.RenderAsync(draft, time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new { draft.Subject, Html = html, Text = text, HtmlBytes = System.Text.Encoding.UTF8.GetByteCount(html), Check = check });
    }

    private static IResult Answer(HttpContext context, DeskOutcome<EditionDraft> outcome) =>
        outcome.ToHttp(context, draft => draft.ETag, draft => $"/api/editor/drafts/{draft.Id}");

    private static string? Version(HttpContext context) => context.Request.Headers.IfMatch.ToString() is { Length: > 0 } version ? version : null;

    private static string Editor(HttpContext context) => context.User.Identity?.Name ?? "?";

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
        return composer.Compose(Tracks.FromCode(draft.Track), week, new EditionContent(draft.Subject, draft.Preheader, draft.Intro, chosen), options.Value.LinkTo("/archive"));
    }

    public async Task<(string Html, string Text, GateReport Check)> RenderAsync(EditionDraft draft, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var edition = await ComposeAsync(draft, draft.SendAt ?? now, cancellationToken);
        var (html, text) = EditionComposer.Personalize(edition, gate.SampleRecipient);
        return (html, text, gate.Check(edition));
    }
}
