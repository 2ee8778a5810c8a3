using CareerKit.Hosting;
using CareerKit.Newsletter;
using CareerKit.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Azure.Functions.Worker;

namespace CareerKit.Editor;

/// <summary>The tip library pages, for a signed-in editor only; their forms carry an antiforgery token the handlers check.</summary>
[RequiresEditor]
[BodyLimit(EditorTipsApi.MaxBodyBytes)]
public sealed class EditorTipPageFunctions(IAntiforgery antiforgery, PageRenderer pages, CuratedTips tips, TipDesk desk)
{
    [Function("EditorTips")]
    public Task<IResult> TipsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "editor/tips")] HttpRequest req) =>
        EditorTipPages.ListAsync(req.HttpContext, req.Query["track"], req.Query["topic"], req.Query["q"], req.Query["retired"], antiforgery, pages, tips, desk);

    /// <summary>A literal segment, so routing prefers it to editor/tips/{id}.</summary>
    [Function("EditorTipNew")]
    public Task<IResult> NewTipAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "editor/tips/new")] HttpRequest req) =>
        HttpMethods.IsPost(req.Method)
            ? EditorTipPages.AddAsync(req.HttpContext, antiforgery, pages, tips, desk)
            : EditorTipPages.ShowNewAsync(req.HttpContext, antiforgery, pages, tips);

    [Function("EditorTip")]
    public Task<IResult> TipAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "editor/tips/{id}")] HttpRequest req, string id) =>
        HttpMethods.IsPost(req.Method)
            ? EditorTipPages.EditAsync(id, req.HttpContext, antiforgery, pages, tips, desk)
            : EditorTipPages.ShowAsync(id, req.Query["done"], req.HttpContext, antiforgery, pages, tips, desk);

    [Function("EditorTipRetire")]
    public Task<IResult> RetireAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "editor/tips/{id}/retire")] HttpRequest req, string id) =>
        EditorTipPages.SetRetiredAsync(id, retired: true, req.HttpContext, antiforgery, pages, tips, desk);

    [Function("EditorTipRestore")]
    public Task<IResult> RestoreAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "editor/tips/{id}/restore")] HttpRequest req, string id) =>
        EditorTipPages.SetRetiredAsync(id, retired: false, req.HttpContext, antiforgery, pages, tips, desk);
}
