using CareerKit.Hosting;
using CareerKit.Pages;
using CareerKit.Subscriptions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Azure.Functions.Worker;

namespace CareerKit.Editor;

/// <summary>
/// Subscriber counts, the CSV export and the CSV import, each as a page (session cookie; forms with an antiforgery token)
/// and under /api/editor (Bearer key). Editors only.
/// </summary>
[RequiresEditor]
public sealed class EditorSubscriberFunctions(
    IAntiforgery antiforgery, PageRenderer pages, SubscriberStore subscribers, SubscriberImport import, AuditLog audit, TimeProvider time)
{
    [Function("EditorSubscribers")]
    public Task<IResult> SubscribersAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "editor/subscribers")] HttpRequest req, CancellationToken cancellationToken) =>
        SubscriberReport.ShowAsync(req.HttpContext, subscribers, antiforgery, pages, cancellationToken);

    [Function("EditorApiSubscribers")]
    public async Task<IResult> CountsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/editor/subscribers")] HttpRequest req, CancellationToken cancellationToken) =>
        TypedResults.Ok(await SubscriberReport.CountsAsync(subscribers, cancellationToken));

    /// <summary>The page's download link, with the session cookie.</summary>
    [Function("EditorSubscribersCsv")]
    public IResult Csv([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "editor/subscribers.csv")] HttpRequest req, CancellationToken cancellationToken) =>
        SubscriberReport.Export(req.HttpContext, subscribers, audit, time, cancellationToken);

    /// <summary>The same file for scripts, with a key.</summary>
    [Function("EditorApiSubscribersCsv")]
    public IResult ApiCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/editor/subscribers.csv")] HttpRequest req, CancellationToken cancellationToken) =>
        SubscriberReport.Export(req.HttpContext, subscribers, audit, time, cancellationToken);

    [Function("EditorSubscribersImport")]
    [BodyLimit(SubscriberImportEndpoints.MaxRequestBytes)]
    public Task<IResult> ImportPageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "editor/subscribers/import")] HttpRequest req) =>
        HttpMethods.IsPost(req.Method)
            ? SubscriberImportEndpoints.ImportFromPageAsync(req.HttpContext, antiforgery, pages, import)
            : Task.FromResult(SubscriberImportEndpoints.Show(req.HttpContext, antiforgery, pages));

    [Function("EditorApiSubscribersImport")]
    [BodyLimit(SubscriberImportEndpoints.MaxRequestBytes)]
    public Task<IResult> ImportAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/editor/subscribers/import")] HttpRequest req) =>
        SubscriberImportEndpoints.ImportFromApiAsync(req.HttpContext, req.Query["mode"], req.Query["source"], import);
}
