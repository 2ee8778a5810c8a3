using CareerKit.Hosting;
using CareerKit.Pages;
using CareerKit.Resumes.Import;
using Microsoft.Azure.Functions.Worker;

namespace CareerKit.Resumes;

/// <summary>
/// The resume page and API as functions: templates to download, previews, tailoring and review. Requests that render a
/// PDF count against the per-client limit; a template download does not (it is cached). A resume body may be larger
/// than the app's default: the handlers raise the limit for it themselves, before reading (see <see cref="ResumesApi.MaxResumeBytes"/>).
/// </summary>
public sealed class ResumeFunctions(
    ResumeTemplates templates, TemplatePdfCache cache, ResumeRenderer renderer, PdfRenderSlots slots, StoredResumes stored, PageRenderer pages, ResumeParseCheck parseCheck, ResumeImporter importer)
{
    [Function("Resume")]
    [RateLimited(ResumesApi.PdfRateLimitPolicy, "post")]
    public Task<IResult> ResumeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "api/resumes/{track}")] HttpRequest req, string track, CancellationToken cancellationToken)
    {
        var paper = QueryValues.String(req, "paper");
        var format = QueryValues.String(req, "format");
        if (!HttpMethods.IsPost(req.Method))
        {
            return ResumesApi.DownloadTemplate(track, paper, format, req.HttpContext, templates, cache, renderer, slots, cancellationToken);
        }

        return QueryValues.TryParse<bool>(req, "store", out var store, out var problem)
            ? ResumesApi.Tailor(track, paper, format, store, req.HttpContext, templates, renderer, slots, stored, cancellationToken)
            : Task.FromResult(problem);
    }

    [Function("ResumePreview")]
    [RateLimited(ResumesApi.PdfRateLimitPolicy)]
    public Task<IResult> ResumePreviewAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/resumes/{track}/preview.png")] HttpRequest req, string track) =>
        QueryValues.TryParse<int>(req, "page", out var page, out var problem)
            ? ResumesApi.Preview(track, QueryValues.String(req, "paper"), page, templates, renderer, slots, req.HttpContext)
            : Task.FromResult(problem);

    [Function("ResumeReview")]
    [RateLimited(ResumesApi.PdfRateLimitPolicy)] // The parse check renders the PDF.
    public Task<IResult> ResumeReviewAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/resumes/{track}/review")] HttpRequest req, string track, CancellationToken cancellationToken) =>
        ResumesApi.Review(track, QueryValues.String(req, "paper"), req.HttpContext, templates, parseCheck, slots, cancellationToken);

    [Function("ResumesPage")]
    [RateLimited(ResumesApi.PdfRateLimitPolicy, "post")]
    public Task<IResult> ResumesPageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "resumes")] HttpRequest req, CancellationToken cancellationToken) =>
        HttpMethods.IsPost(req.Method)
            ? ResumesPage.Submit(req.HttpContext, new ResumesPage.Services(templates, renderer, slots, importer, parseCheck, pages), cancellationToken)
            : Task.FromResult(ResumesPage.Show(QueryValues.String(req, "track"), pages));
}
