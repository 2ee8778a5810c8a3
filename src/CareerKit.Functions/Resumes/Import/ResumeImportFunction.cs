using CareerKit.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace CareerKit.Resumes.Import;

/// <summary>POST /api/resumes/import: a PDF or Word resume in, a JSON Resume and the reader's doubts out (<see cref="ResumeImportEndpoint"/>).</summary>
public sealed class ResumeImportFunction(ResumeImporter importer, PdfRenderSlots slots)
{
    [Function("ResumeImport")]
    [RateLimited(ResumesApi.PdfRateLimitPolicy)]
    [BodyLimit(ResumeImportEndpoint.MaxRequestBytes)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/resumes/import")] HttpRequest req, CancellationToken cancellationToken) =>
        ResumeImportEndpoint.ImportAsync(req, importer, slots, cancellationToken);
}
