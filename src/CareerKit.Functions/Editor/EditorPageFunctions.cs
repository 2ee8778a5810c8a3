using CareerKit.Hosting;
using CareerKit.Newsletter;
using CareerKit.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Azure.Functions.Worker;

namespace CareerKit.Editor;

/// <summary>
/// The editor's home, audit and edition pages, for a signed-in editor only. A page's GET shows it; its forms POST with
/// an antiforgery token, which the handlers check (<see cref="EditorForms"/>).
/// </summary>
[RequiresEditor]
public sealed class EditorPageFunctions(
    IAntiforgery antiforgery, PageRenderer pages, EditionBoard board, AuditLog audit, EditionDesk desk, EditionDrafts drafts, EditionPreview preview,
    CuratedTips tips, TimeProvider time)
{
    [Function("EditorHome")]
    public Task<IResult> HomeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "editor")] HttpRequest req) =>
        EditorHome.ShowAsync(req, board, antiforgery, pages);

    [Function("EditorAudit")]
    public Task<IResult> AuditAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "editor/audit")] HttpRequest req, CancellationToken cancellationToken) =>
        EditorHome.ShowAuditAsync(req, audit, antiforgery, pages, cancellationToken);

    /// <summary>The compose page; a literal segment, so routing prefers it to editor/editions/{id}.</summary>
    [Function("EditorEditionNew")]
    [BodyLimit(EditorEditionsApi.MaxBodyBytes)]
    public Task<IResult> NewEditionAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "editor/editions/new")] HttpRequest req) =>
        HttpMethods.IsPost(req.Method)
            ? EditorEditionPages.CreateAsync(req.HttpContext, antiforgery, pages, tips, desk)
            : EditorEditionPages.ShowNewAsync(req.HttpContext, req.Query["track"], antiforgery, pages, tips);

    [Function("EditorEdition")]
    [BodyLimit(EditorEditionsApi.MaxBodyBytes)]
    public Task<IResult> EditionAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "editor/editions/{id}")] HttpRequest req, string id) =>
        HttpMethods.IsPost(req.Method)
            ? EditorEditionPages.EditAsync(id, req.HttpContext, antiforgery, desk, pages, tips, preview, time)
            : EditorEditionPages.ShowAsync(id, req.Query["done"], req.HttpContext, antiforgery, desk, pages, tips, preview, time);

    [Function("EditorEditionPreview")]
    public Task<IResult> PreviewAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "editor/editions/{id}/preview")] HttpRequest req, string id) =>
        EditorEditionPages.PreviewAsync(id, req.HttpContext, drafts, preview, pages, time);

    [Function("EditorEditionTest")]
    [BodyLimit(EditorEditionsApi.MaxBodyBytes)]
    public Task<IResult> TestAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "editor/editions/{id}/test")] HttpRequest req, string id) =>
        EditorEditionPages.TestAsync(id, req.HttpContext, antiforgery, desk, pages, tips, preview, time);

    [Function("EditorEditionSchedule")]
    [BodyLimit(EditorEditionsApi.MaxBodyBytes)]
    public Task<IResult> ScheduleAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "editor/editions/{id}/schedule")] HttpRequest req, string id) =>
        EditorEditionPages.ScheduleAsync(id, req.HttpContext, antiforgery, desk, pages, tips, preview, time);

    [Function("EditorEditionUnschedule")]
    [BodyLimit(EditorEditionsApi.MaxBodyBytes)]
    public Task<IResult> UnscheduleAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "editor/editions/{id}/unschedule")] HttpRequest req, string id) =>
        EditorEditionPages.UnscheduleAsync(id, req.HttpContext, antiforgery, desk, pages, tips, preview, time);

    [Function("EditorEditionCancel")]
    [BodyLimit(EditorEditionsApi.MaxBodyBytes)]
    public Task<IResult> CancelAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "editor/editions/{id}/cancel")] HttpRequest req, string id) =>
        EditorEditionPages.CancelAsync(id, req.HttpContext, antiforgery, desk, pages, tips, preview, time);
}
