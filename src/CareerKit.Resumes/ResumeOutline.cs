namespace CareerKit.Resumes;

/// <summary>
/// A resume as an ordered list of what it shows: the header, then the track's sections with their entries, in the
/// order and wording every format prints. DOCX and plain text are written from it; the PDF composer lays out the
/// same order (its test compares the two), and is the next to read from it.
/// </summary>
public sealed record ResumeOutline(string Name, string? Label, IReadOnlyList<ContactItem> Contact, IReadOnlyList<OutlineSection> Sections, string Title)
{
    public static ResumeOutline Of(ResumeDocument resume, ResumeTemplate template)
    {
        var sections = template.Sections
            .Select(section => new OutlineSection(template.Heading(section), Entries(section, resume)))
            .Where(section => section.Entries.Count > 0)
            .ToList();
        var name = resume.Basics?.Name ?? "";
        return new ResumeOutline(name, resume.Basics?.Label, ContactOf(resume.Basics), sections, $"{(name.Length > 0 ? name : "Resume")}: resume");
    }

    private static List<ContactItem> ContactOf(Basics? basics)
    {
        if (basics is null)
        {
            return [];
        }

        var items = new List<ContactItem>();
        void Add(string? text, string? link = null)
        {
            if (text is not null)
            {
                items.Add(new ContactItem(text, link));
            }
        }

        Add(basics.Email, basics.Email is null ? null : $"mailto:{basics.Email}");
        Add(basics.Phone);
        Add(basics.Url, basics.Url);
        Add(Place(basics.Location));
        foreach (var profile in basics.Profiles)
        {
            Add(profile.Network is null ? profile.Url : $"{profile.Network}: {profile.Username ?? profile.Url}", profile.Url);
        }

        return items;
    }

    private static List<OutlineEntry> Entries(string section, ResumeDocument resume) => section switch
    {
        "summary" => resume.Basics?.Summary is { } summary ? [OutlineEntry.Text(summary)] : [],
        "skills" => resume.Skills.Select(skill => OutlineEntry.Labelled(skill.Name ?? "Skills", string.Join(", ", skill.Keywords) + Level(skill.Level))).ToList(),
        "work" => resume.Work.Select(job => Dated(job.Name, job.Position, job.Url, job.StartDate, job.EndDate, job.Summary, job.Highlights)).ToList(),
        "volunteer" => resume.Volunteer.Select(item => Dated(item.Organization, item.Position, item.Url, item.StartDate, item.EndDate, item.Summary, item.Highlights)).ToList(),
        "projects" => resume.Projects.Select(project => Dated(project.Name, null, project.Url, project.StartDate, project.EndDate, project.Description, project.Highlights)).ToList(),
        "education" => resume.Education.Select(school => Dated(
            school.Institution, Join(" in ", school.StudyType, school.Area), school.Url, school.StartDate, school.EndDate,
            Join(" · ", school.Score is null ? null : $"Score: {school.Score}", school.Courses.Count == 0 ? null : $"Courses: {string.Join(", ", school.Courses)}"), [])).ToList(),
        "certificates" => resume.Certificates.Select(item => Dated(item.Name, item.Issuer, item.Url, null, item.Date, null, [])).ToList(),
        "publications" => resume.Publications.Select(item => Dated(item.Name, item.Publisher, item.Url, null, item.ReleaseDate, item.Summary, [])).ToList(),
        "awards" => resume.Awards.Select(item => Dated(item.Title, item.Awarder, null, null, item.Date, item.Summary, [])).ToList(),
        "languages" => resume.Languages.Count == 0 ? [] : [OutlineEntry.Text(string.Join(", ", resume.Languages.Select(language => language.Fluency is null ? language.Name : $"{language.Name} ({language.Fluency})")))],
        "interests" => resume.Interests.Select(interest => OutlineEntry.Labelled(interest.Name ?? "", string.Join(", ", interest.Keywords))).ToList(),
        "references" => resume.References.Select(reference => OutlineEntry.Text($"“{reference.Text}” — {reference.Name}")).ToList(),
        _ => [],
    };

    /// <summary>As <see cref="ResumeComposer"/> lays it out: the first line is the second's when there is no first.</summary>
    private static OutlineEntry Dated(string? first, string? second, string? url, ResumeDate? start, ResumeDate? end, string? summary, IReadOnlyList<string> highlights) =>
        first is null
            ? new(second, null, url, Dates(start, end), summary, highlights, Label: null)
            : new(first, second, url, Dates(start, end), summary, highlights, Label: null);

    /// <summary>"Mar 2021 – Present", "2019 – 2021", "2020" or nothing.</summary>
    public static string? Dates(ResumeDate? start, ResumeDate? end) => (start, end) switch
    {
        (null, null) => null,
        (null, { } only) => only.ToString(),
        ({ } from, null) => $"{from} – Present",
        ({ } from, { } to) => $"{from} – {to}",
    };

    /// <summary>" (Expert)" after a skill's keywords, or nothing.</summary>
    internal static string Level(string? level) => level is null ? "" : $" ({level})";

    internal static string? Place(Location? location) => location is null ? null : Join(", ", location.City, location.Region, location.CountryCode);

    /// <summary>The parts that have words, joined; null when none has.</summary>
    internal static string? Join(string separator, params string?[] parts)
    {
        var present = parts.Where(part => !string.IsNullOrWhiteSpace(part)).ToList();
        return present.Count == 0 ? null : string.Join(separator, present);
    }
}

/// <summary>A way to reach the resume's owner, and where it links.</summary>
public sealed record ContactItem(string Text, string? Link);

/// <summary>A section under its heading ("Experience"), with its entries in order.</summary>
public sealed record OutlineSection(string Heading, IReadOnlyList<OutlineEntry> Entries);

/// <summary>
/// One entry: a dated one, in the PDF's order (its first line — the organisation, school or the item's own name — with
/// the dates, then the position or degree on a line of its own, then its summary and highlights), a labelled line
/// ("Languages: Python, Go"), or a paragraph of text.
/// </summary>
public sealed record OutlineEntry(string? First, string? Second, string? Url, string? Dates, string? Summary, IReadOnlyList<string> Highlights, string? Label)
{
    public static OutlineEntry Text(string text) => new(null, null, null, null, text, [], null);

    public static OutlineEntry Labelled(string label, string text) => new(null, null, null, null, text, [], label);
}
