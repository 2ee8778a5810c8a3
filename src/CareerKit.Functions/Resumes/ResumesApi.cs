using System.Globalization;
using System.Text.Json;
using System.Text;
using CareerKit.Hosting;
using CareerKit.Pdf.Document;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareerKit.Resumes;

/// <summary>Resume templates as PDF, and tailored resumes from a reader's JSON Resume: the handlers <see cref="ResumeFunctions"/> calls.</summary>
public static class ResumesApi
{
    public const int MaxResumeBytes = 256 * 1024;
    public const string MissingCharactersHeader = "X-CareerKit-Missing-Characters";
    public const string PdfRateLimitPolicy = "pdf-renders";

    public static async Task<IResult> DownloadTemplate(string track, string? paper, string? format, HttpContext context, ResumeTemplates templates, TemplatePdfCache cache, ResumeRenderer renderer, PdfRenderSlots slots, CancellationToken cancellationToken)
    {
        if (templates.ForSlug(track) is not { } template)
        {
            return UnknownTrack(track);
        }

        if (!TryPaper(paper, out var size))
        {
            return UnknownPaper(paper);
        }

        if (!ResumeFormats.TryParse(format, out var kind))
        {
            return UnknownFormat(format);
        }

        var key = TemplatePdfCache.KeyOf(template, size);
        var etag = kind == ResumeFormat.Pdf ? $"\"{key}\"" : $"\"{key}-{kind.Extension()}\"";
        context.Response.Headers.CacheControl = "public, max-age=86400";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.Contains(etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        if (kind == ResumeFormat.Pdf)
        {
            var (pdf, _) = await cache.GetAsync(template, size, cancellationToken);
            return TypedResults.File(pdf, kind.ContentType(), $"careerkit-{track}-resume.pdf");
        }

        // The other formats take a millisecond or two to write: written on each request, within the render bound.
        var file = await slots.RunAsync(() => renderer.Write(kind, ResumeTailor.Tailor(template.Document, template), template, size, track), cancellationToken);
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    public static async Task<IResult> Tailor(string track, string? paper, string? format, bool? store, HttpContext context, ResumeTemplates templates, ResumeRenderer renderer, PdfRenderSlots slots, StoredResumes stored, CancellationToken cancellationToken)
    {
        if (templates.ForSlug(track) is not { } template)
        {
            return UnknownTrack(track);
        }

        if (!TryPaper(paper, out var size))
        {
            return UnknownPaper(paper);
        }

        if (!ResumeFormats.TryParse(format, out var kind))
        {
            return UnknownFormat(format);
        }

        if (store == true && kind != ResumeFormat.Pdf)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Only PDFs are stored.",
                detail: "store=true keeps a PDF behind a link; leave out format, or download the other formats directly.");
        }

        ResumeFile result;
        using (await TakeRenderSlotAsync(context, slots, cancellationToken))
        {
            var (resume, failure) = await ReadResumeAsync(context, cancellationToken);
            if (resume is null)
            {
                return failure!;
            }

            if (ResumeTailor.Refusal(resume) is { } refusal)
            {
                return Unprocessable([refusal]); // Well-formed, but not a resume that can be tailored.
            }

            result = renderer.Write(kind, ResumeTailor.Tailor(resume, template), template, size, track);
        }

        if (result.MissingCharacters.Count > 0)
        {
            context.Response.Headers[MissingCharactersHeader] = string.Join(' ', result.MissingCharacters.Select(CodePoint));
        }

        if (store == true)
        {
            var (link, expiresAt) = await stored.StoreAsync(result.Content, template.Track, cancellationToken);
            return TypedResults.Ok(new { url = link.AbsoluteUri, expiresAt, pages = result.Pdf!.PageCount, missingCharacters = result.MissingCharacters });
        }

        return TypedResults.File(result.Content, result.ContentType, result.FileName);
    }

    /// <summary>A PNG of a page of the track's template: what the reader gets, before downloading.</summary>
    public static async Task<IResult> Preview(string track, string? paper, int? page, ResumeTemplates templates, ResumeRenderer renderer, PdfRenderSlots slots, HttpContext context)
    {
        if (templates.ForSlug(track) is not { } template)
        {
            return UnknownTrack(track);
        }

        if (!TryPaper(paper, out var size))
        {
            return UnknownPaper(paper);
        }

        try
        {
            var tailored = ResumeTailor.Tailor(template.Document, template);
            var png = await slots.RunAsync(() => renderer.RenderPng(tailored, template, size, page ?? 1, scale: 1.5f), context.RequestAborted);
            context.Response.Headers.CacheControl = "public, max-age=86400";
            return TypedResults.File(png, "image/png");
        }
        catch (ArgumentOutOfRangeException outside)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no such page.", detail: outside.Message.Split(" (Parameter")[0]);
        }
    }

    /// <summary>Key-skill coverage of a resume for the track, and the job description's recurring terms it lacks.</summary>
    public static async Task<IResult> Review(string track, HttpContext context, ResumeTemplates templates, CancellationToken cancellationToken)
    {
        if (templates.ForSlug(track) is not { } template)
        {
            return UnknownTrack(track);
        }

        var (resume, failure) = await ReadResumeAsync(context, cancellationToken);
        if (resume is null)
        {
            return failure!;
        }

        var root = (JsonElement)context.Items[JsonRootKey]!;
        var jobDescription = root.TryGetProperty("jobDescription", out var job) && job.ValueKind == JsonValueKind.String ? job.GetString() : null;
        return TypedResults.Ok(ResumeReviewer.Review(resume, template, templates.SkillAliases, jobDescription));
    }

    private const string JsonRootKey = "careerkit.resume-json";

    /// <summary>
    /// Waits for the whole resume to arrive, then for a render slot, and only then parses it: the requests that
    /// wait hold unread bytes in the server's buffers rather than parsed resumes, so a burst costs little memory.
    /// </summary>
    internal static async Task<IDisposable> TakeRenderSlotAsync(HttpContext context, PdfRenderSlots slots, CancellationToken cancellationToken)
    {
        RequestLimits.AllowBody(context, MaxResumeBytes); // A resume is larger than the app's other bodies.
        await RequestBody.ArrivedAsync(context.Request, cancellationToken);
        return await slots.EnterAsync(cancellationToken);
    }

    /// <summary>Reads and validates a JSON Resume body: the resume, or the answer that explains what is wrong.</summary>
    private static async Task<(ResumeDocument? Resume, IResult? Failure)> ReadResumeAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var isForm = context.Request.HasFormContentType;
        if (!isForm && !context.Request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type.",
                detail: "Send a JSON Resume document as application/json, or the resume form's fields."));
        }

        RequestLimits.AllowBody(context, MaxResumeBytes); // A resume is larger than the app's other bodies.

        if (isForm)
        {
            var form = await ResumeForm.ReadAsync(context.Request, cancellationToken);
            context.Items[JsonRootKey] = System.Text.Json.JsonSerializer.SerializeToElement(new { jobDescription = form.JobDescription });
            return Answer(form.ToResume());
        }

        var (root, unreadable) = await JsonBody.ReadAsync(context.Request, cancellationToken, ResumeReader.JsonOptions);
        if (root is null)
        {
            return (null, unreadable);
        }

        context.Items[JsonRootKey] = root.Value;
        return Answer(ResumeReader.Read(root.Value));
    }

    private static (ResumeDocument? Resume, IResult? Failure) Answer((ResumeDocument? Resume, IReadOnlyList<ResumeProblem> Problems) read)
    {
        var (resume, problems) = read;
        if (resume is not null)
        {
            return (resume, null);
        }

        // Too much content is not malformed input: the request is understood, and refused for its size.
        return (null, problems.Any(problem => problem.IsLimit) ? Unprocessable(problems) : TypedResults.ValidationProblem(Errors(problems), title: Title(problems)));
    }

    private static ProblemHttpResult Unprocessable(IReadOnlyList<ResumeProblem> problems) =>
        TypedResults.Problem(new HttpValidationProblemDetails(Errors(problems)) { Title = Title(problems), Status = StatusCodes.Status422UnprocessableEntity });

    private static Dictionary<string, string[]> Errors(IReadOnlyList<ResumeProblem> problems) =>
        problems.GroupBy(problem => problem.Path).ToDictionary(group => group.Key, group => group.Select(problem => problem.Message).ToArray());

    private static string Title(IReadOnlyList<ResumeProblem> problems) => $"The resume has {problems.Count} problem(s).";

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

    private static ProblemHttpResult UnknownFormat(string? format) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Unknown format.",
        detail: $"'{format}' is not a resume format. Use {ResumeFormats.Choices}.");

    private static ProblemHttpResult UnknownTrack(string track) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "There is no resume template for this track.",
        detail: Tracks.ResumeSlugProblem(track));

    private static ProblemHttpResult UnknownPaper(string? paper) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Unknown paper size.",
        detail: $"'{paper}' is not a paper size. Use a4 or letter.");
}
