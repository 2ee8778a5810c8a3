using CareerKit.Hosting;
using CareerKit.Pages;
using CareerKit.Pdf.Document;
using CareerKit.Resumes.Import;

namespace CareerKit.Resumes;

/// <summary>
/// GET/POST /resumes: pick a track, download its template, or tailor your own resume (imported from a PDF or Word
/// file, pasted, uploaded as JSON or typed), with a preview of page 1, the key-skill review and what a parser reads
/// back from the PDF before downloading. Works without JavaScript: an upload is a form post answered with the form
/// prefilled from the file.
/// </summary>
public static class ResumesPage
{
    /// <summary>The services a post to the page uses.</summary>
    public sealed record Services(ResumeTemplates Templates, ResumeRenderer Renderer, PdfRenderSlots Slots, ResumeImporter Importer, ResumeParseCheck ParseCheck, PageRenderer Pages);

    public static IResult Show(string? track, PageRenderer pages) => Page(pages, new PageState(Valid(track), Form: null));

    public static async Task<IResult> Submit(HttpContext context, Services services, CancellationToken cancellationToken)
    {
        var pages = services.Pages;
        if (!context.Request.HasFormContentType)
        {
            return pages.Error(StatusCodes.Status415UnsupportedMediaType, "Send the form on this page.", "This address takes the resume form; use the page to send it.");
        }

        // The form is read whole before waiting for a render slot: a PDF or Word upload may be larger than the server
        // holds unread, and is parsed in memory only.
        RequestLimits.AllowBody(context, ResumeImportEndpoint.MaxRequestBytes);
        ResumeForm form;
        try
        {
            form = await ResumeForm.ReadAsync(context.Request, cancellationToken);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var refused = ResumeImporter.TooLarge();
            return Page(pages, new PageState(Valid(context.Request.Query["track"]), Form: null) { FileError = $"{refused.Title} {refused.Detail}" }, refused.Status);
        }

        using var slot = await services.Slots.EnterAsync(cancellationToken);
        var track = Valid(form.Track);
        var template = services.Templates.Find(track)!;
        if (form.Document is { } file)
        {
            return await ImportAsync(file, form, track, services, cancellationToken);
        }

        if (form.IsEmpty)
        {
            return Page(pages, new PageState(track, form) { Problems = [new ResumeProblem("json", "Upload your resume, paste a JSON Resume, or fill in at least your name.")] }, StatusCodes.Status400BadRequest);
        }

        var (resume, problems) = form.ToResume();
        if (resume is null)
        {
            return Page(pages, new PageState(track, form) { Problems = problems }, StatusCodes.Status400BadRequest);
        }

        if (ResumeTailor.Refusal(resume) is { } refusal)
        {
            return Page(pages, new PageState(track, form) { Problems = [refusal] }, StatusCodes.Status422UnprocessableEntity);
        }

        var tailored = ResumeTailor.Tailor(resume, template, services.Templates.SkillAliases);
        var paper = form.Paper == "letter" ? Paper.Letter : Paper.A4;
        if (context.Request.Form["action"] == "download")
        {
            // The format select offers only the four; anything else is a hand-made request, given the PDF.
            ResumeFormats.TryParse(form.Format, out var format);
            var written = services.Renderer.Write(format, tailored, template, paper, track.ResumeSlug()!); // A track with a template has a slug.
            return TypedResults.File(written.Content, written.ContentType, written.FileName);
        }

        var preview = Convert.ToBase64String(services.Renderer.RenderPng(tailored, template, paper, page: 1, scale: 1f));
        return Page(pages, new PageState(track, form)
        {
            Review = ResumeReviewer.Review(resume, template, services.Templates.SkillAliases, form.JobDescription),
            ParseCheck = services.ParseCheck.Check(tailored, template, paper, cancellationToken),
            Preview = preview,
            MissingCharacters = services.Renderer.MissingCharacters(tailored, template),
        });
    }

    /// <summary>The form prefilled from an uploaded PDF or DOCX, with the import's doubts; or the file's problem, as the import API words it.</summary>
    private static async Task<IResult> ImportAsync(byte[] file, ResumeForm form, Track track, Services services, CancellationToken cancellationToken)
    {
        try
        {
            var imported = await services.Importer.ImportAsync(file, cancellationToken);
            return Page(services.Pages, new PageState(track, form.Prefilled(imported.Resume)) { Doubts = imported.Doubts, Imported = true });
        }
        catch (ResumeImportException refused)
        {
            return Page(services.Pages, new PageState(track, form with { Document = null }) { FileError = $"{refused.Title} {refused.Detail}" }, refused.Status);
        }
    }

    /// <summary>What the page shows besides the track: the form as sent or prefilled, and what came of it.</summary>
    private sealed record PageState(Track Track, ResumeForm? Form)
    {
        public IReadOnlyList<ResumeProblem> Problems { get; init; } = [];
        public string? FileError { get; init; }
        public IReadOnlyList<ImportDoubt> Doubts { get; init; } = [];
        public bool Imported { get; init; }
        public ResumeReview? Review { get; init; }
        public ParseCheck? ParseCheck { get; init; }
        public string? Preview { get; init; }
        public IReadOnlyList<string> MissingCharacters { get; init; } = [];
    }

    private static string StatusLabel(SkillStatus status) => status switch
    {
        SkillStatus.Shown => "Shown",
        SkillStatus.ListedOnly => "Listed only",
        _ => "Missing",
    };

    /// <summary>The track the page names by its slug, or the first with a template.</summary>
    private static Track Valid(string? slug) => Tracks.TryFromResumeSlug(slug, out var track) ? track : Tracks.WithResumeTemplate[0];

    /// <summary>The import's doubt about one of the short form's fields (basics.email), if it has one.</summary>
    private static string? DoubtAbout(PageState state, string field) =>
        state.Doubts.Where(doubt => doubt.Path == $"basics.{field}").Select(doubt => doubt.Message).FirstOrDefault();

    private static IResult Page(PageRenderer pages, PageState state, int status = StatusCodes.Status200OK)
    {
        var review = state.Review;
        var shortFields = new[] { "name", "label", "email", "phone", "url", "summary" };
        return pages.Page("resumes", "Resume templates for ML and AI engineers", new
        {
            Track = state.Track.ResumeSlug(),
            TrackLabel = state.Track.DisplayName(),
            Tracks = Tracks.WithResumeTemplate.Select(choice => new { Code = choice.ResumeSlug(), Label = choice.DisplayName(), Selected = choice == state.Track }).ToList(),
            state.Form,
            Problems = state.Problems.Select(problem => problem.ToString()).ToList(),
            HasProblems = state.Problems.Count > 0 || state.FileError is not null,
            state.FileError,
            state.Imported,
            FieldDoubts = new
            {
                Name = DoubtAbout(state, "name"), Label = DoubtAbout(state, "label"), Email = DoubtAbout(state, "email"),
                Phone = DoubtAbout(state, "phone"), Url = DoubtAbout(state, "url"), Summary = DoubtAbout(state, "summary"),
            },
            JsonDoubts = state.Doubts.Where(doubt => !shortFields.Any(field => doubt.Path == $"basics.{field}"))
                .Select(doubt => doubt.Path.Length == 0 ? doubt.Message : $"{doubt.Path}: {doubt.Message}").ToList(),
            Review = review,
            KeySkills = review?.KeySkills.Select(skill => new { skill.Skill, StatusLabel = StatusLabel(skill.Status), skill.Evidence, skill.Hint, skill.AdviceSection }).ToList(),
            SkillAdvice = review?.KeySkills.Where(skill => skill.Advice is not null).Select(skill => new { Section = skill.AdviceSection, skill.Advice }).Distinct().ToList(),
            ParseCheck = state.ParseCheck,
            ParsedFields = state.ParseCheck?.Fields.Select(field => new { Label = FieldLabel(field), field.Read, field.Expected, field.Matches }).ToList(),
            state.Preview,
            MissingCharacters = state.MissingCharacters.Select(character => new { Character = character, CodePoint = ResumesApi.CodePoint(character) }).ToList(),
        }, status);
    }

    /// <summary>A read-back field as a reader names it: "Experience 1: organisation".</summary>
    private static string FieldLabel(ReadBackField field)
    {
        var entry = field.Path.StartsWith("work[", StringComparison.Ordinal) ? "Experience"
            : field.Path.StartsWith("education[", StringComparison.Ordinal) ? "Education" : null;
        if (entry is null)
        {
            return field.Field switch { "urls" => "Link", var other => char.ToUpperInvariant(other[0]) + other[1..] };
        }

        var number = int.Parse(field.Path[(field.Path.IndexOf('[') + 1)..field.Path.IndexOf(']')], System.Globalization.CultureInfo.InvariantCulture) + 1;
        return $"{entry} {number}: {field.Field.Replace("work ", "", StringComparison.Ordinal).Replace("education ", "", StringComparison.Ordinal)}";
    }
}
