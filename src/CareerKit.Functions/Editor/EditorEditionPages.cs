using System.Globalization;
using CareerKit.Newsletter;
using CareerKit.Pages;
using Microsoft.AspNetCore.Antiforgery;

namespace CareerKit.Editor;

/// <summary>
/// The editor's edition pages: compose (/editor/editions/new), and one page per edition with its preview, test send,
/// schedule, edit and cancel. Every action goes through <see cref="EditionDesk"/>, like the JSON API; a POST that
/// succeeds redirects back (303), one that fails shows the page again with the problem next to its field.
/// Called by <see cref="EditorPageFunctions"/>.
/// </summary>
public static class EditorEditionPages
{
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["created"] = "Draft saved. Preview it, send yourself a test, then schedule it.",
        ["saved"] = "Changes saved.",
        ["test"] = "The test is on its way, marked [TEST].",
        ["scheduled"] = "Scheduled.",
        ["unscheduled"] = "Back in drafts: edit it, then schedule it again.",
        ["cancelled"] = "Cancelled. It will not be sent.",
    };

    public static async Task<IResult> ShowNewAsync(HttpContext context, string? track, IAntiforgery antiforgery, PageRenderer pages, CuratedTips tips)
    {
        var input = new DraftInput(Tracks.TryFromCode(track, out _) ? track : null, "", "", "", []);
        return NewPage(context, antiforgery, pages, await tips.CurrentAsync(context.RequestAborted), input, null, null, null, StatusCodes.Status200OK);
    }

    public static async Task<IResult> CreateAsync(HttpContext context, IAntiforgery antiforgery, PageRenderer pages, CuratedTips tips, EditionDesk desk)
    {
        if (await EditorForms.ReadAsync(context, antiforgery) is not { } form)
        {
            return EditorForms.Expired(pages);
        }

        var input = ComposeForm.Read(form);
        var catalog = await tips.CurrentAsync(context.RequestAborted);
        if (form["do"] == "filter")
        {
            return NewPage(context, antiforgery, pages, catalog, input, form["topic"], form["q"], null, StatusCodes.Status200OK);
        }

        var outcome = await desk.CreateAsync(input, EditorForms.Editor(context), context.RequestAborted);
        return outcome.Value is { } draft
            ? EditorForms.SeeOther($"/editor/editions/{draft.Id}?done=created")
            : NewPage(context, antiforgery, pages, catalog, input, form["topic"], form["q"], outcome.Errors, outcome.Status);
    }

    public static async Task<IResult> ShowAsync(string id, string? done, HttpContext context, IAntiforgery antiforgery, EditionDesk desk, PageRenderer pages, CuratedTips tips, EditionPreview preview, TimeProvider time) =>
        await desk.FindAsync(id, context.RequestAborted) is { } draft
            ? await EditionPage(context, antiforgery, pages, tips, preview, time, draft, new PageState { Notice = done is null ? null : Notices.GetValueOrDefault(done) })
            : NotFound(pages);

    public static async Task<IResult> EditAsync(string id, HttpContext context, IAntiforgery antiforgery, EditionDesk desk, PageRenderer pages, CuratedTips tips, EditionPreview preview, TimeProvider time)
    {
        if (await EditorForms.ReadAsync(context, antiforgery) is not { } form)
        {
            return EditorForms.Expired(pages);
        }

        if (await desk.FindAsync(id, context.RequestAborted) is not { } current)
        {
            return NotFound(pages);
        }

        var input = ComposeForm.Read(form);
        if (form["do"] == "filter")
        {
            return await EditionPage(context, antiforgery, pages, tips, preview, time, current, new PageState { Compose = input, Topic = form["topic"], Query = form["q"], Version = form["version"] });
        }

        var outcome = await desk.UpdateAsync(id, form["version"], input, EditorForms.Editor(context), context.RequestAborted);
        return outcome.Succeeded
            ? EditorForms.SeeOther($"/editor/editions/{id}?done=saved")
            : await EditionPage(context, antiforgery, pages, tips, preview, time, current, new PageState
            {
                Compose = input, Topic = form["topic"], Query = form["q"], Version = form["version"], ComposeErrors = outcome.Errors, Problem = outcome.Errors is null ? outcome : null, Status = outcome.Status,
            });
    }

    /// <summary>The HTML email itself, as its own page (editor pages may not be framed).</summary>
    public static async Task<IResult> PreviewAsync(string id, HttpContext context, EditionDrafts drafts, EditionPreview preview, PageRenderer pages, TimeProvider time)
    {
        if (await drafts.FindAsync(id, context.RequestAborted) is not { } draft)
        {
            return NotFound(pages);
        }

        var (html, _, _) = await preview.RenderAsync(draft, time.GetUtcNow(), context.RequestAborted);
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8);
    }

    public static async Task<IResult> TestAsync(string id, HttpContext context, IAntiforgery antiforgery, EditionDesk desk, PageRenderer pages, CuratedTips tips, EditionPreview preview, TimeProvider time)
    {
        if (await EditorForms.ReadAsync(context, antiforgery) is not { } form)
        {
            return EditorForms.Expired(pages);
        }

        var outcome = await desk.TestSendAsync(id, form["to"], EditorForms.Editor(context), context.RequestAborted);
        if (outcome.Succeeded)
        {
            return EditorForms.SeeOther($"/editor/editions/{id}?done=test");
        }

        return await desk.FindAsync(id, context.RequestAborted) is { } draft
            ? await EditionPage(context, antiforgery, pages, tips, preview, time, draft, new PageState
            {
                TestTo = form["to"], TestError = outcome.Errors?["to"][0], Problem = outcome.Errors is null ? outcome : null, Status = outcome.Status,
            })
            : NotFound(pages);
    }

    public static async Task<IResult> ScheduleAsync(string id, HttpContext context, IAntiforgery antiforgery, EditionDesk desk, PageRenderer pages, CuratedTips tips, EditionPreview preview, TimeProvider time)
    {
        if (await EditorForms.ReadAsync(context, antiforgery) is not { } form)
        {
            return EditorForms.Expired(pages);
        }

        if (await desk.FindAsync(id, context.RequestAborted) is not { } draft)
        {
            return NotFound(pages);
        }

        var zone = form["timeZone"].ToString();
        DateTimeOffset? sendAt = null;
        string? error = null;
        if (form["do"] == "now")
        {
            sendAt = time.GetUtcNow().AddSeconds(1); // The dispatcher starts it within the minute.
        }
        else if (EditorTimeZone.TryParse(form["sendAt"], zone, out var when, out var problem))
        {
            sendAt = when;
        }
        else
        {
            error = problem;
        }

        if (EditorTimeZone.All.Contains(zone))
        {
            EditorTimeZone.Remember(context, zone);
        }

        var outcome = sendAt is null ? null : await desk.ScheduleAsync(id, form["version"], sendAt, EditorForms.Editor(context), context.RequestAborted);
        if (outcome is { Succeeded: true })
        {
            return EditorForms.SeeOther($"/editor/editions/{id}?done=scheduled");
        }

        return await EditionPage(context, antiforgery, pages, tips, preview, time, draft, new PageState
        {
            SendAtInput = form["sendAt"], TimeZone = zone, ScheduleError = error ?? outcome?.Errors?["sendAt"][0],
            Problem = outcome is { Errors: null } ? outcome : null, Status = outcome?.Status ?? StatusCodes.Status400BadRequest,
        });
    }

    public static Task<IResult> UnscheduleAsync(string id, HttpContext context, IAntiforgery antiforgery, EditionDesk desk, PageRenderer pages, CuratedTips tips, EditionPreview preview, TimeProvider time) =>
        ChangeAsync(id, context, antiforgery, desk, pages, tips, preview, time, "unscheduled", (version, editor) => desk.UnscheduleAsync(id, version, editor, context.RequestAborted));

    public static Task<IResult> CancelAsync(string id, HttpContext context, IAntiforgery antiforgery, EditionDesk desk, PageRenderer pages, CuratedTips tips, EditionPreview preview, TimeProvider time) =>
        ChangeAsync(id, context, antiforgery, desk, pages, tips, preview, time, "cancelled", (version, editor) => desk.CancelAsync(id, version, editor, context.RequestAborted));

    private static async Task<IResult> ChangeAsync(string id, HttpContext context, IAntiforgery antiforgery, EditionDesk desk, PageRenderer pages, CuratedTips tips, EditionPreview preview, TimeProvider time,
        string done, Func<string?, string, Task<DeskOutcome<EditionDraft>>> change)
    {
        if (await EditorForms.ReadAsync(context, antiforgery) is not { } form)
        {
            return EditorForms.Expired(pages);
        }

        var outcome = await change(form["version"], EditorForms.Editor(context));
        if (outcome.Succeeded)
        {
            return EditorForms.SeeOther($"/editor/editions/{id}?done={done}");
        }

        return await desk.FindAsync(id, context.RequestAborted) is { } draft
            ? await EditionPage(context, antiforgery, pages, tips, preview, time, draft, new PageState { Problem = outcome, Status = outcome.Status })
            : NotFound(pages);
    }

    private sealed class PageState
    {
        public string? Notice { get; init; }
        public DeskOutcome<EditionDraft>? Problem { get; init; }
        public int Status { get; init; } = StatusCodes.Status200OK;
        public DraftInput? Compose { get; init; }
        public Dictionary<string, string[]>? ComposeErrors { get; init; }
        public string? Topic { get; init; }
        public string? Query { get; init; }
        public string? Version { get; init; }
        public string? TestTo { get; init; }
        public string? TestError { get; init; }
        public string? SendAtInput { get; init; }
        public string? TimeZone { get; init; }
        public string? ScheduleError { get; init; }
    }

    private static async Task<IResult> EditionPage(HttpContext context, IAntiforgery antiforgery, PageRenderer pages, CuratedTips tips, EditionPreview preview, TimeProvider time, EditionDraft draft, PageState state)
    {
        var form = EditorForms.Token(context, antiforgery);
        var zone = state.TimeZone is { } chosen && EditorTimeZone.All.Contains(chosen) ? chosen : EditorTimeZone.Of(context);
        var (html, text, check) = await preview.RenderAsync(draft, time.GetUtcNow(), context.RequestAborted);
        var catalog = await tips.CurrentAsync(context.RequestAborted);
        var defaultSendAt = draft.SendAt ?? time.GetUtcNow().AddDays(1);
        var model = new
        {
            Editor = EditorForms.Editor(context),
            SignOut = form,
            Form = form,
            Draft = new { draft.Id, draft.Subject, draft.Status, draft.ETag, TrackName = draft.Track.DisplayName() },
            SendAt = draft.SendAt is { } sendAt ? EditorTimeZone.Show(sendAt, zone) : null,
            Updated = $"{EditorTimeZone.Show(draft.UpdatedAt, zone)} by {draft.UpdatedBy}",
            state.Notice,
            Problem = state.Problem is { } problem
                ? new { problem.Title, Detail = problem.Gate is null ? problem.Detail : "It fails the send gate. Fix these, then try again:", Reasons = problem.Gate?.Errors.Select(error => error.Message).ToList() }
                : null,
            Check = new { check.Passes, Errors = check.Errors.Select(error => error.Message).ToList(), Warnings = check.Warnings.Select(warning => warning.Message).ToList() },
            HtmlSize = string.Create(CultureInfo.InvariantCulture, $"{System.Text.Encoding.UTF8.GetByteCount(html) / 1024.0:0.0} KB"),
            Text = text,
            state.TestTo,
            state.TestError,
            CanEdit = draft.Status == DraftStatus.Draft,
            CanSchedule = draft.Status is DraftStatus.Draft or DraftStatus.Scheduled,
            CanCancel = draft.Status is DraftStatus.Draft or DraftStatus.Scheduled,
            Compose = ComposeForm.Model(catalog, state.Compose ?? ComposeForm.From(draft), state.Topic, state.Query, $"/editor/editions/{draft.Id}", form, state.ComposeErrors, state.Version ?? draft.ETag),
            SendAtInput = state.SendAtInput ?? EditorTimeZone.ToLocalInput(defaultSendAt, zone),
            TimeZone = zone,
            Zones = EditorTimeZone.All,
            state.ScheduleError,
        };
        return pages.Page("editor-edition", draft.Subject, model, state.Status);
    }

    private static IResult NewPage(HttpContext context, IAntiforgery antiforgery, PageRenderer pages, TipCatalog catalog, DraftInput input, string? topic, string? query, Dictionary<string, string[]>? errors, int status)
    {
        var form = EditorForms.Token(context, antiforgery);
        return pages.Page("editor-compose", "New edition", new
        {
            Editor = EditorForms.Editor(context),
            SignOut = form,
            Compose = ComposeForm.Model(catalog, input, topic, query, "/editor/editions/new", form, errors),
        }, status);
    }

    private static IResult NotFound(PageRenderer pages) =>
        pages.Error(StatusCodes.Status404NotFound, "No such edition.", "It may have been mistyped. See the list of editions.");
}
