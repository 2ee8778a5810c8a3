using CareerKit.Pdf.Document;
using CareerKit.Pdf.Layout;
using CareerKit.Pdf.Text;

namespace CareerKit.Resumes;

/// <summary>Lays a resume out as a single-column, ATS-friendly document in the track's section order.</summary>
public static partial class ResumeComposer
{
    private const float EntryGap = 7;
    private const float KeepWithHeading = 70; // A heading never sits at a page's foot without its first entry.
    private static readonly TextStyle Body = TextStyle.Body;
    private static readonly TextStyle Strong = TextStyle.Body.Bold();
    private static readonly TextStyle Muted = TextStyle.Body.WithColor(DocumentContent.Muted);
    private static readonly TextStyle Note = TextStyle.Body.Italic().WithColor(DocumentContent.Muted);

    public static DocumentContent Compose(ResumeDocument resume, ResumeTemplate template)
    {
        var content = new DocumentContent();
        Header(content, resume.Basics);
        foreach (var section in template.Sections)
        {
            var entries = Entries(section, resume);
            if (entries.Count == 0)
            {
                continue;
            }

            content.Spacing(10);
            content.KeepTogether(KeepWithHeading, first =>
            {
                // Bold capitals are what parsers take for a section heading whatever its words ("MACHINE LEARNING PROJECTS").
                first.Heading(template.Heading(section).ToUpperInvariant(), 2).Rule().Spacing(5);
                entries[0](first);
            });
            foreach (var entry in entries.Skip(1))
            {
                content.Spacing(EntryGap);
                content.KeepTogether(40, entry);
            }
        }

        return content;
    }

    public static PdfMetadata Metadata(ResumeDocument resume, ResumeTemplate template)
    {
        var name = resume.Basics?.Name ?? "Resume";
        var keywords = string.Join(", ", resume.Skills.SelectMany(skill => skill.Keywords).Take(20));
        return new PdfMetadata($"{name}: resume", name, $"{resume.Basics?.Label ?? template.Track.DisplayName()} resume", keywords, "CareerKit");
    }

    private static void Header(DocumentContent content, Basics? basics)
    {
        if (basics is null)
        {
            return;
        }

        content.Heading(basics.Name ?? "");
        if (basics.Label is { } label)
        {
            content.Paragraph(label, Muted.WithSize(11.5f));
        }

        var contact = new List<TextRun>();
        void Add(string? text, string? link = null)
        {
            if (text is null)
            {
                return;
            }

            if (contact.Count > 0)
            {
                contact.Add(new TextRun("  ·  ", Muted));
            }

            contact.Add(new TextRun(text, Body, link));
        }

        Add(basics.Email, basics.Email is null ? null : $"mailto:{basics.Email}");
        Add(basics.Phone);
        Add(basics.Url, basics.Url);
        Add(Place(basics.Location));
        foreach (var profile in basics.Profiles)
        {
            // The address itself is printed, not only linked: parsers and printed copies have no link annotations.
            Add(profile.Url is not null ? Visible(profile.Url) : Join(": ", profile.Network, profile.Username), profile.Url);
        }

        if (contact.Count > 0)
        {
            content.Spacing(3).Paragraph([.. contact]);
        }
    }

    private static List<Action<DocumentContent>> Entries(string section, ResumeDocument resume) => section switch
    {
        "summary" => resume.Basics?.Summary is { } summary ? [c => c.Paragraph(summary)] : [],
        "skills" => resume.Skills.Select(Entry<Skill>(skill => [new TextRun($"{skill.Name ?? "Skills"}: ", Strong), new TextRun(string.Join(", ", skill.Keywords) + Level(skill.Level), Body)])).ToList(),
        "work" => resume.Work.Select(job => Dated(job.Name, job.Position, job.Url, job.StartDate, job.EndDate, job.Summary, job.Highlights)).ToList(),
        "volunteer" => resume.Volunteer.Select(item => Dated(item.Organization, item.Position, item.Url, item.StartDate, item.EndDate, item.Summary, item.Highlights)).ToList(),
        "projects" => resume.Projects.Select(project => Dated(project.Name, null, project.Url, project.StartDate, project.EndDate, project.Description, project.Highlights, printUrl: true)).ToList(),
        "education" => resume.Education.Select(school => Dated(
            school.Institution, Join(" in ", school.StudyType, school.Area), school.Url, school.StartDate, school.EndDate,
            Join(" · ", school.Score is null ? null : $"Score: {school.Score}", school.Courses.Count == 0 ? null : $"Courses: {string.Join(", ", school.Courses)}"), [])).ToList(),
        "certificates" => resume.Certificates.Select(item => Dated(item.Name, item.Issuer, item.Url, null, item.Date, null, [])).ToList(),
        "publications" => resume.Publications.Select(item => Dated(item.Name, item.Publisher, item.Url, null, item.ReleaseDate, item.Summary, [])).ToList(),
        "awards" => resume.Awards.Select(item => Dated(item.Title, item.Awarder, null, null, item.Date, item.Summary, [])).ToList(),
        "languages" => resume.Languages.Count == 0 ? [] : [c => c.Paragraph(string.Join(", ", resume.Languages.Select(language => language.Fluency is null ? language.Name : $"{language.Name} ({language.Fluency})")))],
        "interests" => resume.Interests.Select(Entry<Interest>(interest => [new TextRun($"{interest.Name}: ", Strong), new TextRun(string.Join(", ", interest.Keywords), Body)])).ToList(),
        "references" => resume.References.Select(Entry<Reference>(reference => [new TextRun($"“{reference.Text}”", Note), new TextRun($" — {reference.Name}", Body)])).ToList(),
        _ => [],
    };

    private static Func<T, Action<DocumentContent>> Entry<T>(Func<T, TextRun[]> runs) => item => content => content.Paragraph(runs(item));

    /// <summary>
    /// "Organisation … Mar 2021 – Present" in bold (linked to <paramref name="url"/>), the position or degree on its own
    /// line below, then the summary and the highlights as bullets. Separate lines, because parsers cannot split
    /// "Position, Organisation" on one line into its fields.
    /// </summary>
    private static Action<DocumentContent> Dated(string? primary, string? secondary, string? url, ResumeDate? start, ResumeDate? end, string? summary, IReadOnlyList<string> highlights, bool printUrl = false) => content =>
    {
        if (primary is null)
        {
            (primary, secondary) = (secondary, null);
        }

        // Tagged as a heading under the section's: screen readers move from entry to entry.
        content.Row(primary is null ? [] : [new TextRun(primary, Strong, url)], [new TextRun(Dates(start, end), Muted)], StructureRole.Heading3);
        if (secondary is not null)
        {
            content.Paragraph(secondary);
        }

        if (printUrl && url is not null)
        {
            content.Paragraph([new TextRun(Visible(url), Muted, url)]);
        }

        if (summary is not null)
        {
            content.Paragraph(summary);
        }

        content.Bullets(highlights.Select(highlight => (IReadOnlyList<TextRun>)[new TextRun(highlight, Body)]));
    };

    /// <summary>An address as people write it: "linkedin.com/in/handle", without the scheme, "www." or a closing slash.</summary>
    private static string Visible(string url) => VisibleUrl().Replace(url.Trim(), "").TrimEnd('/');

    [System.Text.RegularExpressions.GeneratedRegex("^(https?://)?(www\\.)?", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex VisibleUrl();

    private static string Dates(ResumeDate? start, ResumeDate? end) => ResumeOutline.Dates(start, end) ?? "";

    private static string Level(string? level) => ResumeOutline.Level(level);

    private static string? Place(Location? location) => ResumeOutline.Place(location);

    private static string? Join(string separator, params string?[] parts) => ResumeOutline.Join(separator, parts);
}
