using CareerKit.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace CareerKit.Editor;

/// <summary>The editors' JSON API for the tip library (/api/editor/tips), with a Bearer editor key only.</summary>
[RequiresEditor]
[BodyLimit(EditorTipsApi.MaxBodyBytes)]
public sealed class EditorTipApiFunctions(TipDesk desk)
{
    [Function("EditorApiTips")]
    public Task<IResult> TipsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "api/editor/tips")] HttpRequest req, CancellationToken cancellationToken) =>
        HttpMethods.IsPost(req.Method) ? EditorTipsApi.AddAsync(req, desk, cancellationToken) : EditorTipsApi.SearchAsync(req, desk, cancellationToken);

    [Function("EditorApiTip")]
    public Task<IResult> TipAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "put", Route = "api/editor/tips/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        HttpMethods.IsPut(req.Method) ? EditorTipsApi.EditAsync(id, req, desk, cancellationToken) : EditorTipsApi.FindAsync(id, req, desk, cancellationToken);

    [Function("EditorApiTipRetire")]
    public Task<IResult> RetireAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/editor/tips/{id}/retire")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        EditorTipsApi.SetRetiredAsync(id, retired: true, req, desk, cancellationToken);

    [Function("EditorApiTipRestore")]
    public Task<IResult> RestoreAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/editor/tips/{id}/restore")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        EditorTipsApi.SetRetiredAsync(id, retired: false, req, desk, cancellationToken);
}
