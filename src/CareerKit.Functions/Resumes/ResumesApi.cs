using System.Globalization;
using System.Text;
using CareerKit.Hosting;
using CareerKit.Pdf.Document;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareerKit.Resumes;

/// <summary>Resume templates as PDF, and tailored resumes from a reader's JSON Resume.</summary>
public static class ResumesApi
{
    public const int MaxResumeBytes = 256 * 1024;
    public const string MissingCharactersHeader = "X-CareerKit-Missing-Characters";

    public static IEndpointRouteBuilder MapResumesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/resumes");
        group.MapGet("{track}", DownloadTemplate);
        group.MapPost("{track}", Tailor);
        return app;
    }

    public static async Task<IResult> DownloadTemplate(string track, string? paper, HttpContext context, ResumeTemplates templates, TemplatePdfCache cache, CancellationToken cancellationToken)
    {
        if (templates.Find(track) is not { } template)
        {
            return UnknownTrack(track);
        }

        if (!TryPaper(paper, out var size))
        {
            return UnknownPaper(paper);
        }

        var etag = $"\"{TemplatePdfCache.KeyOf(template, size)}\"";
        context.Response.Headers.CacheControl = "public, max-age=86400";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.Contains(etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var (pdf, _) = await cache.GetAsync(template, size, cancellationToken);
        return TypedResults.File(pdf, "application/pdf", $"careerkit-{track}-resume.pdf");
    }

    public static async Task<IResult> Tailor(string track, string? paper, HttpContext context, ResumeTemplates templates, ResumeRenderer renderer, CancellationToken cancellationToken)
    {
        if (templates.Find(track) is not { } template)
        {
            return UnknownTrack(track);
        }

        if (!TryPaper(paper, out var size))
        {
            return UnknownPaper(paper);
        }

        if (!context.Request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type.",
                detail: "Send a JSON Resume document as application/json.");
        }

        // A resume is larger than the app's other bodies.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxResumeBytes;
        }

        if (await JsonBody.ReadAsync(context.Request, cancellationToken) is not { } root)
        {
            return JsonBody.Malformed();
        }

        var (resume, problems) = ResumeReader.Read(root);
        if (resume is null)
        {
            return TypedResults.ValidationProblem(
                problems.GroupBy(problem => problem.Path).ToDictionary(group => group.Key, group => group.Select(problem => problem.Message).ToArray()),
                title: $"The resume has {problems.Count} problem(s).");
        }

        var result = renderer.Render(ResumeTailor.Tailor(resume, template), template, size);
        if (result.MissingCharacters.Count > 0)
        {
            context.Response.Headers[MissingCharactersHeader] = string.Join(' ', result.MissingCharacters.Select(CodePoint));
        }

        return TypedResults.File(result.Pdf, "application/pdf", $"careerkit-{track}-resume.pdf");
    }

    private static string CodePoint(string character) => string.Join(' ', character.EnumerateRunes().Select(rune => $"U+{rune.Value.ToString("X4", CultureInfo.InvariantCulture)}"));

    private static bool TryPaper(string? paper, out Paper size)
    {
        size = Paper.A4;
        switch (paper?.ToLowerInvariant())
        {
            case null or "" or "a4":
                return true;
            case "letter":
                size = Paper.Letter;
                return true;
            default:
                return false;
        }
    }

    private static ProblemHttpResult UnknownTrack(string track) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "There is no resume template for this track.",
        detail: $"'{track}' is not a track. Valid tracks: {string.Join(", ", ResumeTemplate.Tracks)}.");

    private static ProblemHttpResult UnknownPaper(string? paper) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Unknown paper size.",
        detail: $"'{paper}' is not a paper size. Use a4 or letter.");
}

internal static class ResumesRegistration
{
    public static IServiceCollection AddResumes(this IServiceCollection services)
    {
        services.AddSingleton(_ => ResumeTemplates.Default());
        services.AddSingleton<ResumeRenderer>();
        services.AddSingleton<TemplatePdfCache>();
        return services;
    }
}
