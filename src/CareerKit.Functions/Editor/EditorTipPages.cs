using CareerKit.Newsletter;
using CareerKit.Pages;
using Microsoft.AspNetCore.Antiforgery;

namespace CareerKit.Editor;

/// <summary>
/// The tip library pages: /editor/tips (search and filter), /editor/tips/new, and one page per tip to edit, retire or
/// restore it. Called by <see cref="EditorTipPageFunctions"/>.
/// </summary>
public static class EditorTipPages
{
    public static Task<IResult> ShowNewAsync(HttpContext context, IAntiforgery antiforgery, PageRenderer pages, CuratedTips tips) =>
        FormPageAsync(context, antiforgery, pages, tips, null, new TipInput(null, "", [], "", "practice", ""), null, null, StatusCodes.Status200OK);

    public static async Task<IResult> ListAsync(HttpContext context, string? track, string? topic, string? q, string? retired, IAntiforgery antiforgery, PageRenderer pages, CuratedTips tips, TipDesk desk)
    {
        var found = await desk.SearchAsync(track, topic, q, retired == "on", context.RequestAborted);
        var catalog = await tips.CurrentAsync(context.RequestAborted);
        var form = EditorForms.Token(context, antiforgery);
        return pages.DeskPage("editor-tips", "Tips", new
        {
            Editor = EditorForms.Editor(context),
            SignOut = form,
            Tips = found.Select(tip => new { tip.Id, tip.Title, tip.Topic, Tracks = string.Join(", ", tip.Tracks), tip.Retired, Edited = tip.UpdatedAt is not null, Feedback = tip.Feedback ?? TipFigures.None }),
            Count = found.Count,
            Total = catalog.All.Count,
            Track = track,
            Tracks = new[] { Track.Ml, Track.Ai }.Select(choice => new { Code = choice.Code(), Selected = choice.Code() == track }), // Both is no filter.
            Topics = catalog.Topics.Select(name => new { Name = name, Selected = name == topic }),
            Query = q,
            Retired = retired == "on",
        });
    }

    public static async Task<IResult> ShowAsync(string id, string? done, HttpContext context, IAntiforgery antiforgery, PageRenderer pages, CuratedTips tips, TipDesk desk) =>
        await desk.FindAsync(id, context.RequestAborted) is { } tip
            ? await FormPageAsync(context, antiforgery, pages, tips, tip, ToInput(tip), null, done switch { "saved" => "Changes saved.", "added" => "Tip added to the library.", "retired" => "Retired: it is no longer offered for new editions.", "restored" => "Restored: it is offered for new editions again.", _ => null }, StatusCodes.Status200OK)
            : NotFound(pages);

    public static async Task<IResult> AddAsync(HttpContext context, IAntiforgery antiforgery, PageRenderer pages, CuratedTips tips, TipDesk desk)
    {
        if (await EditorForms.ReadAsync(context, antiforgery) is not { } form)
        {
            return EditorForms.Expired(pages);
        }

        var input = Read(form);
        var outcome = await desk.AddAsync(input, EditorForms.Editor(context), context.RequestAborted);
        return outcome.Value is { } tip
            ? EditorForms.SeeOther($"/editor/tips/{tip.Id}?done=added")
            : await FormPageAsync(context, antiforgery, pages, tips, null, input, outcome, null, outcome.Status);
    }

    public static async Task<IResult> EditAsync(string id, HttpContext context, IAntiforgery antiforgery, PageRenderer pages, CuratedTips tips, TipDesk desk)
    {
        if (await EditorForms.ReadAsync(context, antiforgery) is not { } form)
        {
            return EditorForms.Expired(pages);
        }

        var input = Read(form);
        var outcome = await desk.EditAsync(id, form["version"], input, EditorForms.Editor(context), context.RequestAborted);
        if (outcome.Succeeded)
        {
            return EditorForms.SeeOther($"/editor/tips/{id}?done=saved");
        }

        return await desk.FindAsync(id, context.RequestAborted) is { } current
            ? await FormPageAsync(context, antiforgery, pages, tips, current, input, outcome, null, outcome.Status)
            : NotFound(pages);
    }

    public static async Task<IResult> SetRetiredAsync(string id, bool retired, HttpContext context, IAntiforgery antiforgery, PageRenderer pages, CuratedTips tips, TipDesk desk)
    {
        if (await EditorForms.ReadAsync(context, antiforgery) is not { } form)
        {
            return EditorForms.Expired(pages);
        }

        var outcome = await desk.SetRetiredAsync(id, form["version"], retired, EditorForms.Editor(context), context.RequestAborted);
        if (outcome.Succeeded)
        {
            return EditorForms.SeeOther($"/editor/tips/{id}?done={(retired ? "retired" : "restored")}");
        }

        return await desk.FindAsync(id, context.RequestAborted) is { } current
            ? await FormPageAsync(context, antiforgery, pages, tips, current, ToInput(current), outcome, null, outcome.Status)
            : NotFound(pages);
    }

    private static async Task<IResult> FormPageAsync(HttpContext context, IAntiforgery antiforgery, PageRenderer pages, CuratedTips tips, TipView? tip, TipInput input, DeskOutcome<TipView>? outcome, string? notice, int status)
    {
        var form = EditorForms.Token(context, antiforgery);
        var catalog = await tips.CurrentAsync(context.RequestAborted);
        string? Error(string field) => outcome?.Errors?.GetValueOrDefault(field) is { } messages ? string.Join(" ", messages) : null;
        return pages.DeskPage("editor-tip", tip is null ? "New tip" : tip.Title, new
        {
            Editor = EditorForms.Editor(context),
            SignOut = form,
            Form = form,
            Tip = tip,
            IsNew = tip is null,
            Action = tip is null ? "/editor/tips/new" : $"/editor/tips/{tip.Id}",
            Input = input,
            Tracks = Tracks.All.Select(track => new { Code = track.Code(), Checked = input.Tracks?.Contains(track.Code()) == true }),
            Topics = catalog.Topics,
            Notice = notice,
            Problem = outcome is { Errors: null, Title: not null } ? new { outcome.Title, outcome.Detail } : null,
            HasErrors = outcome?.Errors is { Count: > 0 },
            ErrorList = outcome?.Errors?.Select(error => new { Field = error.Key, Message = string.Join(" ", error.Value) }) ?? [],
            Errors = new { Id = Error("id"), Title = Error("title"), Tracks = Error("tracks"), Topic = Error("topic"), Source = Error("source"), Body = Error("body"), Start = Error("start") },
            TipLibrary.MinWords,
            TipLibrary.MaxWords,
        }, status);
    }

    private static TipInput Read(IFormCollection form) => new(
        form["id"].ToString(), form["title"].ToString(), [.. form["tracks"].Select(track => track ?? "")], form["topic"].ToString(), form["source"].ToString(), form["body"].ToString(),
        StartPlace(form["start"].ToString()));

    /// <summary>Empty: not a start-here tip. Anything but a whole number becomes 0, which the tip check refuses next to the field.</summary>
    private static int? StartPlace(string value) =>
        string.IsNullOrWhiteSpace(value) ? null : int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var place) ? place : 0;

    private static TipInput ToInput(TipView tip) => new(tip.Id, tip.Title, tip.Tracks, tip.Topic, tip.Source, tip.Body, tip.Start);

    private static IResult NotFound(PageRenderer pages) =>
        pages.Error(StatusCodes.Status404NotFound, "No such tip.", "It may have been mistyped. See the tip library.");
}
