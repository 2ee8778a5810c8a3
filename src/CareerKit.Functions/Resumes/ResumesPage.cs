using CareerKit.Hosting;
using CareerKit.Pages;
using CareerKit.Pdf.Document;

namespace CareerKit.Resumes;

/// <summary>
/// GET/POST /resumes: pick a track, download its template, or tailor your own resume (pasted, uploaded or typed),
/// with a preview of page 1 and the key-skill review before downloading. Works without JavaScript.
/// </summary>
public static class ResumesPage
{
    public static IResult Show(string? track, ResumeTemplates templates, PageRenderer pages) =>
        Page(pages, Valid(track), form: null, problems: [], review: null, preview: null);

    public static async Task<IResult> Submit(HttpContext context, ResumeTemplates templates, ResumeRenderer renderer, PdfRenderSlots slots, PageRenderer pages, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return pages.Error(StatusCodes.Status415UnsupportedMediaType, "Send the form on this page.", "This address takes the resume form; use the page to send it.");
        }

        using var slot = await ResumesApi.TakeRenderSlotAsync(context, slots, cancellationToken);
        var form = await ResumeForm.ReadAsync(context.Request, cancellationToken);
        var track = Valid(form.Track);
        var template = templates.Find(track)!;
        var slug = track.ResumeSlug();
        if (form.IsEmpty)
        {
            return Page(pages, track, form, [new ResumeProblem("json", "Paste or upload a JSON Resume, or fill in at least your name.")], null, null, StatusCodes.Status400BadRequest);
        }

        var (resume, problems) = form.ToResume();
        if (resume is null)
        {
            return Page(pages, track, form, problems, null, null, StatusCodes.Status400BadRequest);
        }

        if (ResumeTailor.Refusal(resume) is { } refusal)
        {
            return Page(pages, track, form, [refusal], null, null, StatusCodes.Status422UnprocessableEntity);
        }

        var tailored = ResumeTailor.Tailor(resume, template);
        var paper = form.Paper == "letter" ? Paper.Letter : Paper.A4;
        if (context.Request.Form["action"] == "download")
        {
            // The format select offers only the four; anything else is a hand-made request, given the PDF.
            ResumeFormats.TryParse(form.Format, out var format);
            var file = renderer.Write(format, tailored, template, paper, slug!); // A track with a template has a slug.
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        }

        var preview = Convert.ToBase64String(renderer.RenderPng(tailored, template, paper, page: 1, scale: 1f));
        var missing = renderer.MissingCharacters(tailored, template);
        return Page(pages, track, form, [], ResumeReviewer.Review(resume, template, templates.SkillAliases, form.JobDescription), preview, missing: missing);
    }

    private static string StatusLabel(SkillStatus status) => status switch
    {
        SkillStatus.Shown => "Shown",
        SkillStatus.ListedOnly => "Listed only",
        _ => "Missing",
    };

    /// <summary>The track the page names by its slug, or the first with a template.</summary>
    private static Track Valid(string? slug) => Tracks.TryFromResumeSlug(slug, out var track) ? track : Tracks.WithResumeTemplate[0];

    private static IResult Page(PageRenderer pages, Track track, ResumeForm? form, IReadOnlyList<ResumeProblem> problems, ResumeReview? review, string? preview, int status = StatusCodes.Status200OK, IReadOnlyList<string>? missing = null) =>
        pages.Page("resumes", "Resume templates for ML and AI engineers", new
        {
            Track = track.ResumeSlug(),
            TrackLabel = track.DisplayName(),
            Tracks = Tracks.WithResumeTemplate.Select(choice => new { Code = choice.ResumeSlug(), Label = choice.DisplayName(), Selected = choice == track }).ToList(),
            Form = form,
            Problems = problems.Select(problem => problem.ToString()).ToList(),
            HasProblems = problems.Count > 0,
            Review = review,
            KeySkills = review?.KeySkills.Select(skill => new { skill.Skill, StatusLabel = StatusLabel(skill.Status), skill.Evidence, skill.Hint, skill.AdviceSection }).ToList(),
            SkillAdvice = review?.KeySkills.Where(skill => skill.Advice is not null).Select(skill => new { Section = skill.AdviceSection, skill.Advice }).Distinct().ToList(),
            Preview = preview,
            MissingCharacters = (missing ?? []).Select(character => new { Character = character, CodePoint = ResumesApi.CodePoint(character) }).ToList(),
        }, status);
}
