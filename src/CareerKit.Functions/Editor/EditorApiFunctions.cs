using CareerKit.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace CareerKit.Editor;

/// <summary>
/// The editors' JSON API for editions (/api/editor/drafts) and what the home page shows (/api/editor/editions, /audit).
/// A Bearer editor key only: the API takes no antiforgery token, so a session cookie is never enough here.
/// </summary>
[RequiresEditor]
[BodyLimit(EditorEditionsApi.MaxBodyBytes)]
public sealed class EditorApiFunctions(EditionDesk desk, EditionDrafts drafts, EditionPreview preview, EditionBoard board, AuditLog audit, TimeProvider time)
{
    [Function("EditorApiEditions")]
    public async Task<IResult> EditionsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/editor/editions")] HttpRequest req) =>
        TypedResults.Ok((await board.ReadAsync()).Editions);

    [Function("EditorApiAudit")]
    public async Task<IResult> AuditAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/editor/audit")] HttpRequest req, CancellationToken cancellationToken) =>
        TypedResults.Ok(await audit.LatestAsync(100, cancellationToken));

    [Function("EditorDrafts")]
    public Task<IResult> DraftsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "api/editor/drafts")] HttpRequest req, CancellationToken cancellationToken) =>
        HttpMethods.IsPost(req.Method) ? EditorEditionsApi.CreateAsync(req, desk, cancellationToken) : EditorEditionsApi.ListAsync(desk);

    [Function("EditorDraft")]
    public Task<IResult> DraftAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "put", Route = "api/editor/drafts/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        HttpMethods.IsPut(req.Method) ? EditorEditionsApi.UpdateAsync(id, req, desk, cancellationToken) : EditorEditionsApi.FindAsync(id, req, desk, cancellationToken);

    [Function("EditorDraftPreview")]
    public Task<IResult> PreviewAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/editor/drafts/{id}/preview")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        EditorEditionsApi.PreviewAsync(id, drafts, preview, time, cancellationToken);

    [Function("EditorDraftTest")]
    public Task<IResult> TestAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/editor/drafts/{id}/test")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        EditorEditionsApi.TestSendAsync(id, req, desk, cancellationToken);

    [Function("EditorDraftSchedule")]
    public Task<IResult> ScheduleAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/editor/drafts/{id}/schedule")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        EditorEditionsApi.ScheduleAsync(id, req, desk, cancellationToken);

    [Function("EditorDraftUnschedule")]
    public Task<IResult> UnscheduleAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/editor/drafts/{id}/unschedule")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        EditorEditionsApi.UnscheduleAsync(id, req, desk, cancellationToken);

    [Function("EditorDraftCancel")]
    public Task<IResult> CancelAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/editor/drafts/{id}/cancel")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        EditorEditionsApi.CancelAsync(id, req, desk, cancellationToken);
}
