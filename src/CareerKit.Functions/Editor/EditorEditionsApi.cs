using CareerKit.Email;
using CareerKit.Hosting;
using CareerKit.Newsletter;
using CareerKit.Subscriptions;
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
        api.MapGet("", async (EditionDrafts drafts, EditionStore editions, CancellationToken cancellationToken) =>
        {
            var list = new List<EditionDraft>();
            foreach (var draft in await drafts.ListAsync(cancellationToken))
            {
                list.Add(await WithSendingStatusAsync(draft, editions, cancellationToken));
            }

            return TypedResults.Ok(list);
        });
        api.MapPost("", CreateAsync);
        api.MapGet("/{id}", GetAsync);
        api.MapPut("/{id}", UpdateAsync);
        api.MapGet("/{id}/preview", PreviewAsync);
        api.MapPost("/{id}/test", TestSendAsync);
        api.MapPost("/{id}/schedule", ScheduleAsync);
        api.MapPost("/{id}/cancel", CancelAsync);
        return app;
    }

    public static async Task<IResult> CreateAsync(DraftInput input, HttpContext context, EditionDrafts drafts, CuratedTips tips, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (input.Validate(tips.All) is { Count: > 0 } problems)
        {
            return Invalid(problems);
        }

        var draft = await drafts.AddAsync(Apply(input, new EditionDraft(EditionDrafts.NewId(), "", "", "", "", [], DraftStatus.Draft, null, "", default, ""), Editor(context), time), cancellationToken);
        await audit.RecordAsync(Editor(context), "created edition", $"{draft.Id}: {draft.Subject}", cancellationToken);
        context.Response.Headers.ETag = draft.ETag;
        return TypedResults.Created($"/api/editor/drafts/{draft.Id}", draft);
    }

    public static async Task<IResult> GetAsync(string id, HttpContext context, EditionDrafts drafts, EditionStore editions, CancellationToken cancellationToken)
    {
        if (await drafts.FindAsync(id, cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        context.Response.Headers.ETag = draft.ETag;
        return TypedResults.Ok(await WithSendingStatusAsync(draft, editions, cancellationToken));
    }

    /// <summary>A scheduled edition the dispatcher has started reads "sending", then "sent".</summary>
    private static async Task<EditionDraft> WithSendingStatusAsync(EditionDraft draft, EditionStore editions, CancellationToken cancellationToken) =>
        draft is { Status: DraftStatus.Scheduled, SendAt: { } sendAt } && await editions.FindAsync(draft.Track, Edition.IsoWeekOf(sendAt), cancellationToken) is { } edition
            ? draft with { Status = edition.Status switch { EditionStatus.Queued => DraftStatus.Sent, EditionStatus.Composed => DraftStatus.Sending, _ => DraftStatus.Scheduled } }
            : draft;

    public static async Task<IResult> UpdateAsync(string id, DraftInput input, HttpContext context, EditionDrafts drafts, CuratedTips tips, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await ChangeableAsync(id, context, drafts, cancellationToken) is not { } draft)
        {
            return await RefusalAsync(id, context, drafts, cancellationToken);
        }

        if (draft.Status != DraftStatus.Draft)
        {
            return Conflict("Only a draft can be edited.", draft.Status == DraftStatus.Scheduled ? "Cancel its schedule first, edit it, then schedule it again." : $"This edition is {draft.Status}.");
        }

        if (input.Validate(tips.All) is { Count: > 0 } problems)
        {
            return Invalid(problems);
        }

        return await SaveAsync(Apply(input, draft, Editor(context), time), "edited edition", context, drafts, audit, cancellationToken);
    }

    public static async Task<IResult> PreviewAsync(string id, EditionDrafts drafts, EditionPreview preview, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await drafts.FindAsync(id, cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        var (html, text) = preview.Render(draft, time.GetUtcNow());
        return TypedResults.Ok(new { draft.Subject, Html = html, Text = text, HtmlBytes = System.Text.Encoding.UTF8.GetByteCount(html) });
    }

    public static async Task<IResult> TestSendAsync(string id, TestSendRequest request, HttpContext context, EditionDrafts drafts, EditionPreview preview, IEmailSender sender, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await drafts.FindAsync(id, cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        if (!EmailAddress.TryNormalize(request.To, out var to, out var error))
        {
            return Invalid(new() { ["to"] = [error] });
        }

        var (html, text) = preview.Render(draft, time.GetUtcNow());
        await sender.SendAsync(new EmailMessage(to, $"[TEST] {draft.Subject}", html, text) { Categories = ["editor-test"] }, cancellationToken);
        await audit.RecordAsync(Editor(context), "sent a test", draft.Id, cancellationToken); // Not the address: the audit log keeps no personal data.
        return TypedResults.Accepted((string?)null, new { Status = "sent", Message = "The test email is on its way, marked [TEST]." });
    }

    public static async Task<IResult> ScheduleAsync(string id, ScheduleRequest request, HttpContext context, EditionDrafts drafts, EditionPreview preview, EditionStore editions, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await ChangeableAsync(id, context, drafts, cancellationToken) is not { } draft)
        {
            return await RefusalAsync(id, context, drafts, cancellationToken);
        }

        var now = time.GetUtcNow();
        if (request.SendAt is not { } sendAt)
        {
            return Invalid(new() { ["sendAt"] = ["Give the date and time to send, with its time zone, e.g. 2026-12-01T09:00:00+01:00."] });
        }

        if (sendAt <= now)
        {
            return Invalid(new() { ["sendAt"] = ["Pick a time in the future."] });
        }

        if (draft.Status is not (DraftStatus.Draft or DraftStatus.Scheduled))
        {
            return Conflict("This edition cannot be scheduled.", $"It is {draft.Status}.");
        }

        if (draft.Status == DraftStatus.Scheduled && !await editions.TryUnscheduleAsync(draft.Track, Edition.IsoWeekOf(draft.SendAt!.Value), cancellationToken))
        {
            return Conflict("This edition is being sent already.", "It can no longer be rescheduled.");
        }

        if (await editions.TryScheduleAsync(preview.Compose(draft, sendAt), sendAt.ToUniversalTime(), cancellationToken) is null)
        {
            if (draft.Status == DraftStatus.Scheduled)
            {
                await drafts.TryReplaceAsync(draft with { Status = DraftStatus.Draft, SendAt = null }, cancellationToken); // Its old week is free now.
            }

            return Conflict("That week already has an edition for this track.", $"Week {Edition.IsoWeekOf(sendAt)} has one; pick another week.");
        }

        return await SaveAsync(draft with { Status = DraftStatus.Scheduled, SendAt = sendAt.ToUniversalTime(), UpdatedBy = Editor(context), UpdatedAt = now }, $"scheduled edition for {sendAt.ToUniversalTime():yyyy-MM-dd HH:mm} UTC", context, drafts, audit, cancellationToken);
    }

    public static async Task<IResult> CancelAsync(string id, HttpContext context, EditionDrafts drafts, EditionStore editions, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await ChangeableAsync(id, context, drafts, cancellationToken) is not { } draft)
        {
            return await RefusalAsync(id, context, drafts, cancellationToken);
        }

        if (draft.Status is DraftStatus.Sent || (draft.Status == DraftStatus.Scheduled && !await editions.TryUnscheduleAsync(draft.Track, Edition.IsoWeekOf(draft.SendAt!.Value), cancellationToken)))
        {
            return Conflict("This edition is being sent already.", "Sending has started; it can no longer be cancelled.");
        }

        return await SaveAsync(draft with { Status = DraftStatus.Cancelled, UpdatedBy = Editor(context), UpdatedAt = time.GetUtcNow() }, "cancelled edition", context, drafts, audit, cancellationToken);
    }

    private static EditionDraft Apply(DraftInput input, EditionDraft draft, string editor, TimeProvider time) => draft with
    {
        Track = input.Track!,
        Subject = input.Subject!.Trim(),
        Preheader = input.Preheader?.Trim() ?? "",
        Intro = input.Intro ?? "",
        TipIds = input.TipIds!,
        UpdatedBy = editor,
        UpdatedAt = time.GetUtcNow(),
    };

    /// <returns>The draft when the request names its current version (If-Match); otherwise null.</returns>
    private static async Task<EditionDraft?> ChangeableAsync(string id, HttpContext context, EditionDrafts drafts, CancellationToken cancellationToken) =>
        await drafts.FindAsync(id, cancellationToken) is { } draft && context.Request.Headers.IfMatch.ToString() == draft.ETag ? draft : null;

    private static async Task<IResult> RefusalAsync(string id, HttpContext context, EditionDrafts drafts, CancellationToken cancellationToken)
    {
        if (await drafts.FindAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }

        return context.Request.Headers.IfMatch.Count == 0
            ? TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "Say which version you changed.", detail: "Send the edition's ETag in an If-Match header.")
            : TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Someone else changed this edition.", detail: "Another editor saved it after you opened it. Reload it, then make your change again.");
    }

    private static async Task<IResult> SaveAsync(EditionDraft draft, string action, HttpContext context, EditionDrafts drafts, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await drafts.TryReplaceAsync(draft, cancellationToken) is not { } saved)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Someone else changed this edition.", detail: "Another editor saved it after you opened it. Reload it, then make your change again.");
        }

        await audit.RecordAsync(Editor(context), action, $"{saved.Id}: {saved.Subject}", cancellationToken);
        context.Response.Headers.ETag = saved.ETag;
        return TypedResults.Ok(saved);
    }

    private static string Editor(HttpContext context) => context.User.Identity?.Name ?? "?";

    private static IResult Invalid(Dictionary<string, string[]> problems) =>
        TypedResults.ValidationProblem(problems, title: "The edition has problems.", detail: "Fix the fields listed in errors.");

    private static IResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such edition.", detail: "See GET /api/editor/drafts for the editions there are.");

    private static IResult Conflict(string title, string detail) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);
}

/// <summary>An editor's edition rendered exactly as subscribers will get it, for a sample subscriber.</summary>
public sealed class EditionPreview(EditionComposer composer, CuratedTips tips, IOptions<CareerKitOptions> options)
{
    public Edition Compose(EditionDraft draft, DateTimeOffset week)
    {
        var chosen = draft.TipIds.Select(id => tips.All.Single(tip => tip.Id == id)).ToList();
        return composer.Compose(draft.Track, week, new EditionContent(draft.Subject, draft.Preheader, draft.Intro, chosen), options.Value.LinkTo("/archive"));
    }

    public (string Html, string Text) Render(EditionDraft draft, DateTimeOffset now) =>
        EditionComposer.Personalize(Compose(draft, draft.SendAt ?? now), new Recipient(
            "Alex", options.Value.LinkTo("/api/subscriptions/unsubscribe?token=sample"), options.Value.LinkTo("/api/subscriptions/preferences?token=sample")));
}
