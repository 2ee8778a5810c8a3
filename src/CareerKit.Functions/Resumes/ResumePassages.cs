namespace CareerKit.Resumes;

/// <summary>
/// A piece of a resume's text and where it is: <see cref="Path"/> in JSON Resume terms (work[0].highlights[1]) and
/// <see cref="Where"/> in a reader's (Experience: ML Engineer at Fraudlytics). <see cref="Section"/> is the JSON
/// Resume section ("basics" for the title and summary).
/// </summary>
public sealed record ResumePassage(string Section, string Path, string Where, string Text)
{
    /// <summary>Every passage of a resume a skill can be named in, in the resume's order.</summary>
    public static List<ResumePassage> Of(ResumeDocument resume)
    {
        var passages = new List<ResumePassage>();
        void Add(string section, string path, string where, string? text)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                passages.Add(new ResumePassage(section, path, where, text));
            }
        }

        void AddAll(string section, string path, string where, IReadOnlyList<string> texts)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                Add(section, $"{path}[{i}]", where, texts[i]);
            }
        }

        Add("basics", "basics.label", "Title", resume.Basics?.Label);
        Add("basics", "basics.summary", "Summary", resume.Basics?.Summary);
        for (var i = 0; i < resume.Skills.Count; i++)
        {
            var skill = resume.Skills[i];
            var where = skill.Name is null ? "Skills" : $"Skills: {skill.Name}";
            Add("skills", $"skills[{i}].name", where, skill.Name);
            AddAll("skills", $"skills[{i}].keywords", where, skill.Keywords);
        }

        for (var i = 0; i < resume.Work.Count; i++)
        {
            var job = resume.Work[i];
            var where = $"Experience: {Role(job.Position, job.Name, $"work entry {i + 1}")}";
            Add("work", $"work[{i}].position", where, job.Position);
            Add("work", $"work[{i}].summary", where, job.Summary);
            AddAll("work", $"work[{i}].highlights", where, job.Highlights);
        }

        for (var i = 0; i < resume.Projects.Count; i++)
        {
            var project = resume.Projects[i];
            var where = $"Project: {project.Name ?? $"project {i + 1}"}";
            Add("projects", $"projects[{i}].name", where, project.Name);
            Add("projects", $"projects[{i}].description", where, project.Description);
            AddAll("projects", $"projects[{i}].highlights", where, project.Highlights);
        }

        for (var i = 0; i < resume.Volunteer.Count; i++)
        {
            var item = resume.Volunteer[i];
            var where = $"Volunteering: {Role(item.Position, item.Organization, $"entry {i + 1}")}";
            Add("volunteer", $"volunteer[{i}].summary", where, item.Summary);
            AddAll("volunteer", $"volunteer[{i}].highlights", where, item.Highlights);
        }

        for (var i = 0; i < resume.Education.Count; i++)
        {
            var school = resume.Education[i];
            var where = $"Education: {school.Institution ?? $"entry {i + 1}"}";
            Add("education", $"education[{i}].area", where, school.Area);
            AddAll("education", $"education[{i}].courses", where, school.Courses);
        }

        for (var i = 0; i < resume.Certificates.Count; i++)
        {
            Add("certificates", $"certificates[{i}].name", "Certificates", resume.Certificates[i].Name);
        }

        for (var i = 0; i < resume.Publications.Count; i++)
        {
            var publication = resume.Publications[i];
            Add("publications", $"publications[{i}].name", "Publications", publication.Name);
            Add("publications", $"publications[{i}].summary", $"Publication: {publication.Name ?? $"entry {i + 1}"}", publication.Summary);
        }

        for (var i = 0; i < resume.Awards.Count; i++)
        {
            var award = resume.Awards[i];
            Add("awards", $"awards[{i}].title", "Awards", award.Title);
            Add("awards", $"awards[{i}].summary", $"Award: {award.Title ?? $"entry {i + 1}"}", award.Summary);
        }

        return passages;
    }

    /// <summary>The phrase around a match: its clause, or some forty characters either side when the clause is long.</summary>
    public string Quote(int index, int length)
    {
        const int Reach = 40;
        var start = Text.LastIndexOfAny(['.', ';', '\n', '•'], Math.Max(0, index - 1)) + 1;
        if (start > index)
        {
            start = 0;
        }

        var stop = Text.IndexOfAny(['.', ';', '\n', '•'], index + length);
        stop = stop < 0 ? Text.Length : stop;
        var clipStart = Math.Max(start, index - Reach);
        var clipStop = Math.Min(stop, index + length + Reach);
        var quote = Text[clipStart..clipStop].Trim();
        return (clipStart > start ? "…" : "") + quote + (clipStop < stop ? "…" : "");
    }

    private static string Role(string? position, string? organisation, string fallback) => (position, organisation) switch
    {
        ({ } p, { } o) => $"{p} at {o}",
        ({ } p, null) => p,
        (null, { } o) => o,
        _ => fallback,
    };
}
