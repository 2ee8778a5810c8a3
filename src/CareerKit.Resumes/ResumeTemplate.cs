using System.Security.Cryptography;
using System.Text.Json;

namespace CareerKit.Resumes;

/// <summary>
/// A track's resume template: a JSON Resume document a reader fills in, plus what makes it the track's
/// (meta.careerkit): section order, headings, the key skills that should lead, and advice for each section a
/// reader's resume may leave out.
/// </summary>
public sealed record ResumeTemplate(
    Track Track,
    string Version,
    ResumeDocument Document,
    IReadOnlyList<string> Sections,
    IReadOnlyDictionary<string, string> Headings,
    IReadOnlyList<string> KeySkills,
    IReadOnlyDictionary<string, string> Advice,
    string ContentHash)
{
    public string Heading(string section) => Headings.TryGetValue(section, out var heading) ? heading : DefaultHeadings.GetValueOrDefault(section, section);

    private static readonly Dictionary<string, string> DefaultHeadings = new(StringComparer.Ordinal)
    {
        ["contact"] = "Contact details", ["summary"] = "Summary", ["skills"] = "Skills", ["work"] = "Experience", ["projects"] = "Projects",
        ["education"] = "Education", ["certificates"] = "Certificates", ["publications"] = "Publications",
        ["awards"] = "Awards", ["volunteer"] = "Volunteering", ["languages"] = "Languages",
        ["interests"] = "Interests", ["references"] = "References",
    };

    public static ResumeTemplate Load(string file)
    {
        var bytes = File.ReadAllBytes(file);
        using var json = JsonDocument.Parse(bytes);
        var (document, problems) = ResumeReader.Read(json.RootElement);
        if (document is null)
        {
            throw new InvalidOperationException($"Resume template {file} is not valid: {string.Join("; ", problems)}");
        }

        var meta = json.RootElement.GetProperty("meta").GetProperty("careerkit");
        return new ResumeTemplate(
            Tracks.TryFromResumeSlug(meta.GetProperty("track").GetString(), out var track) ? track : throw new InvalidOperationException($"Resume template {file} names no track with a template in meta.careerkit.track."),
            json.RootElement.GetProperty("meta").GetProperty("version").GetString()!,
            document,
            meta.GetProperty("sections").EnumerateArray().Select(section => section.GetString()!).ToList(),
            meta.GetProperty("headings").EnumerateObject().ToDictionary(pair => pair.Name, pair => pair.Value.GetString()!),
            meta.GetProperty("keySkills").EnumerateArray().Select(skill => skill.GetString()!).ToList(),
            meta.GetProperty("advice").EnumerateObject().ToDictionary(pair => pair.Name, pair => pair.Value.GetString()!),
            Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}

/// <summary>
/// The track templates under templates/resumes (one per track but both, named by the track's slug) and the skill alias
/// table the review matches their key skills with, read once. A key skill the table lacks stops the app at start.
/// </summary>
public sealed class ResumeTemplates
{
    private readonly Dictionary<Track, ResumeTemplate> _templates;

    public ResumeTemplates(string root)
    {
        _templates = Tracks.WithResumeTemplate.ToDictionary(track => track, track => ResumeTemplate.Load(Path.Combine(root, "resumes", $"{track.ResumeSlug()}.json")));
        SkillAliases = SkillAliases.Load(Path.Combine(root, "resumes", "skill-aliases.json"));
        if (_templates.Values.SelectMany(template => template.KeySkills).FirstOrDefault(skill => !SkillAliases.Knows(skill)) is { } unknown)
        {
            throw new InvalidOperationException($"The key skill '{unknown}' is not in templates/resumes/skill-aliases.json; add it with its aliases.");
        }
    }

    public SkillAliases SkillAliases { get; }

    /// <summary>The templates the build copies next to the executable (templates/resumes).</summary>
    public static ResumeTemplates Default() => new(Path.Combine(AppContext.BaseDirectory, "templates"));

    public ResumeTemplate? Find(Track track) => _templates.GetValueOrDefault(track);

    /// <summary>The template a URL or the command line names by its slug (ml-engineer, ai-engineer); none for any other, both included.</summary>
    public ResumeTemplate? ForSlug(string? slug) => Tracks.TryFromResumeSlug(slug, out var track) ? Find(track) : null;
}
