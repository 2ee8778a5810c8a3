using System.Text.RegularExpressions;

namespace CareerKit.Resumes.Import;

/// <summary>A part of the resume under one heading; <see cref="Key"/> is its JSON Resume section, or "other".</summary>
public sealed record ResumeSection(string Key, string Heading, IReadOnlyList<ResumeLine> Lines);

/// <summary>The lines above the first heading (name, label, contact), then each section in order.</summary>
public sealed record SplitResume(IReadOnlyList<ResumeLine> Header, IReadOnlyList<ResumeSection> Sections);

/// <summary>
/// Splits a resume at its section headings, recognised by their wording ("Work history", "Professional experience",
/// "Licenses &amp; certifications" …) and by looking like headings: a heading style, capitals, or a larger size.
/// </summary>
public static partial class SectionSplitter
{
    public const string Other = "other";

    /// <summary>Whole headings people write, and the section each one names.</summary>
    private static readonly Dictionary<string, string> Headings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["experience"] = "work", ["work experience"] = "work", ["professional experience"] = "work", ["work history"] = "work",
        ["employment"] = "work", ["employment history"] = "work", ["career history"] = "work", ["relevant experience"] = "work",
        ["career"] = "work", ["work"] = "work", ["positions"] = "work", ["industry experience"] = "work", ["expérience"] = "work",
        ["education"] = "education", ["academic background"] = "education", ["education and training"] = "education", ["studies"] = "education",
        ["skills"] = "skills", ["technical skills"] = "skills", ["core skills"] = "skills", ["key skills"] = "skills", ["competencies"] = "skills",
        ["core competencies"] = "skills", ["technologies"] = "skills", ["tools"] = "skills", ["skills and tools"] = "skills", ["expertise"] = "skills",
        ["projects"] = "projects", ["personal projects"] = "projects", ["selected projects"] = "projects", ["side projects"] = "projects",
        ["certifications"] = "certificates", ["certificates"] = "certificates", ["licenses and certifications"] = "certificates",
        ["licences and certifications"] = "certificates", ["courses"] = "certificates",
        ["publications"] = "publications", ["papers"] = "publications",
        ["awards"] = "awards", ["honors"] = "awards", ["honours"] = "awards", ["awards and honors"] = "awards", ["honors and awards"] = "awards",
        ["achievements"] = "awards", ["awards and honours"] = "awards",
        ["volunteering"] = "volunteer", ["volunteer"] = "volunteer", ["volunteer experience"] = "volunteer", ["volunteer work"] = "volunteer",
        ["languages"] = "languages", ["interests"] = "interests", ["hobbies"] = "interests", ["hobbies and interests"] = "interests",
        ["references"] = "references",
        ["summary"] = "summary", ["profile"] = "summary", ["professional summary"] = "summary", ["about"] = "summary", ["about me"] = "summary",
        ["objective"] = "summary", ["career objective"] = "summary", ["personal statement"] = "summary", ["executive summary"] = "summary",
        ["contact"] = "contact", ["contact details"] = "contact", ["contact information"] = "contact", ["personal details"] = "contact",
        ["links"] = "contact", ["details"] = "contact", ["find me online"] = "contact",
    };

    /// <summary>Words that name a section inside a longer heading ("Machine learning projects", "AI products and projects").</summary>
    private static readonly (string Word, string Key)[] HeadingWords =
    [
        ("volunteer", "volunteer"), ("experience", "work"), ("employment", "work"), ("education", "education"), ("project", "projects"),
        ("skill", "skills"), ("certific", "certificates"), ("licen", "certificates"), ("publication", "publications"), ("award", "awards"),
        ("honor", "awards"), ("honour", "awards"), ("language", "languages"), ("interest", "interests"), ("reference", "references"),
        ("summary", "summary"), ("profile", "summary"), ("contact", "contact"),
    ];

    public static SplitResume Split(ResumeText text)
    {
        var header = new List<ResumeLine>();
        var sections = new List<ResumeSection>();
        List<ResumeLine>? current = null;
        foreach (var line in text.Lines)
        {
            // A resume's first line in a heading style is its owner's name, not a section.
            if (SectionOf(line, text.BodySize) is { } key && !(key == Other && current is null && header.Count == 0))
            {
                current = [];
                sections.Add(new ResumeSection(key, line.Text.Trim().TrimEnd(':'), current));
            }
            else
            {
                (current ?? header).Add(line);
            }
        }

        return new SplitResume(header, sections);
    }

    /// <summary>The section a line heads, or null when it is no heading.</summary>
    public static string? SectionOf(ResumeLine line, float bodySize)
    {
        var words = Normalise(line.Text);
        if (words.Length is 0 or > 45 || line.Kind == LineKind.Bullet || words.Any(char.IsDigit))
        {
            return null;
        }

        if (Headings.TryGetValue(words, out var exact))
        {
            return exact;
        }

        var looksLikeHeading = line.Kind == LineKind.Heading
            || (line.Text.Any(char.IsLetter) && line.Text.Where(char.IsLetter).All(char.IsUpper) && line.Text.Length > 3)
            || (line.Size > bodySize * 1.12f && line.Bold);
        if (!looksLikeHeading || words.Split(' ').Length > 5)
        {
            return null;
        }

        foreach (var (word, key) in HeadingWords)
        {
            if (words.Contains(word, StringComparison.Ordinal))
            {
                return key;
            }
        }

        // A heading style names a section even when its words are unknown: its lines are not the previous section's.
        return line.Kind == LineKind.Heading ? Other : null;
    }

    /// <summary>"WORK EXPERIENCE:" and "Work  experience" → "work experience"; "&amp;" reads as "and".</summary>
    private static string Normalise(string text) =>
        Spaces().Replace(text.Replace("&", " and ", StringComparison.Ordinal), " ").Trim().TrimEnd(':').Trim().ToLowerInvariant();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
