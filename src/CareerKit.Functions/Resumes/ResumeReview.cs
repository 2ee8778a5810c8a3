using System.Text.RegularExpressions;

namespace CareerKit.Resumes;

/// <summary>
/// What a reader tailoring a resume needs to know: which of the track's key skills it shows, what a job ad keeps
/// asking for that it lacks, which sections it leaves out (with the template's advice for each), which pre-1.0
/// JSON Resume names it was read with, and how dates written in other forms were read.
/// </summary>
public sealed record ResumeReview(
    string Track,
    IReadOnlyList<string> KeySkillsShown,
    IReadOnlyList<string> KeySkillsMissing,
    IReadOnlyList<JobTerm> JobTermsMissing,
    int CoveragePercent,
    IReadOnlyList<MissingSection> MissingSections,
    IReadOnlyList<LegacyName> LegacyNames,
    IReadOnlyList<InterpretedDate> InterpretedDates);

/// <summary>A section the resume leaves out (and the tailored PDF with it), and what the track's template advises putting there.</summary>
public sealed record MissingSection(string Section, string Heading, string Advice);

/// <summary>A skill term a job description mentions <see cref="Count"/> times.</summary>
public sealed record JobTerm(string Term, int Count);

public static partial class ResumeReviewer
{
    /// <summary>Skill terms recognised in job descriptions, besides the tracks' own skills.</summary>
    private static readonly string[] CommonTerms =
    [
        "Python", "SQL", "Java", "Go", "Rust", "C++", "Scala", "TypeScript", "JavaScript", "Kubernetes", "Docker", "Terraform",
        "AWS", "Azure", "GCP", "Spark", "Airflow", "Kafka", "dbt", "Snowflake", "Databricks", "PyTorch", "TensorFlow", "JAX",
        "scikit-learn", "XGBoost", "LightGBM", "pandas", "NumPy", "MLflow", "Kubeflow", "SageMaker", "Vertex AI", "LangChain",
        "LlamaIndex", "RAG", "LLM", "LLMs", "embeddings", "vector database", "fine-tuning", "prompt engineering", "agents",
        "Model Context Protocol", "MCP", "transformers", "computer vision", "NLP", "forecasting", "recommendation",
        "statistics", "linear algebra", "A/B testing", "experimentation", "MLOps", "CI/CD", "monitoring", "observability",
        "REST", "GraphQL", "microservices", "Git", "Linux", "feature engineering",
    ];

    public static ResumeReview Review(ResumeDocument resume, ResumeTemplate template, string? jobDescription)
    {
        var text = Everything(resume);
        var shown = template.KeySkills.Where(skill => ResumeTailor.Mentions(text, skill)).ToList();
        var missing = template.KeySkills.Except(shown).ToList();
        var terms = jobDescription is null ? [] : RecurringTerms(jobDescription, template)
            .Where(term => !ResumeTailor.Mentions(text, term.Term))
            .ToList();
        return new ResumeReview(template.Track, shown, missing, terms, template.KeySkills.Count == 0 ? 100 : 100 * shown.Count / template.KeySkills.Count,
            MissingSections(resume, template), resume.LegacyNames, resume.InterpretedDates);
    }

    /// <summary>Sections the template advises on that the resume leaves out, the contact details first, then in the track's order.</summary>
    private static List<MissingSection> MissingSections(ResumeDocument resume, ResumeTemplate template) =>
        template.Sections.Prepend("contact")
            .Where(section => template.Advice.ContainsKey(section) && !resume.Has(section))
            .Select(section => new MissingSection(section, template.Heading(section), template.Advice[section]))
            .ToList();

    /// <summary>Known skill terms the job description names at least twice, most frequent first.</summary>
    private static IEnumerable<JobTerm> RecurringTerms(string jobDescription, ResumeTemplate template) =>
        CommonTerms.Concat(template.KeySkills).Concat(template.Document.Skills.SelectMany(skill => skill.Keywords))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(term => new JobTerm(term, Count(jobDescription, term)))
            .Where(term => term.Count >= 2)
            .OrderByDescending(term => term.Count)
            .ThenBy(term => term.Term, StringComparer.OrdinalIgnoreCase);

    private static int Count(string text, string term) =>
        Regex.Matches(text, $@"(?<![\w+#]){Regex.Escape(term)}(?![\w+#])", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)).Count;

    /// <summary>Where a resume can show a skill: skills, summaries, highlights, projects, courses, certificates.</summary>
    private static string Everything(ResumeDocument resume) => string.Join('\n', new[]
    {
        resume.Basics?.Label, resume.Basics?.Summary,
    }
    .Concat(resume.Skills.SelectMany(skill => skill.Keywords.Prepend(skill.Name)))
    .Concat(resume.Work.SelectMany(job => job.Highlights.Prepend(job.Summary).Prepend(job.Position)))
    .Concat(resume.Projects.SelectMany(project => project.Highlights.Prepend(project.Description).Prepend(project.Name)))
    .Concat(resume.Volunteer.SelectMany(item => item.Highlights.Prepend(item.Summary)))
    .Concat(resume.Education.SelectMany(school => school.Courses.Prepend(school.Area)))
    .Concat(resume.Certificates.Select(certificate => certificate.Name))
    .Concat(resume.Publications.Select(publication => publication.Name))
    .Where(part => !string.IsNullOrWhiteSpace(part)));
}
