using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CareerKit.Pdf.Document;
using CareerKit.Resumes;
using CareerKit.Resumes.Import;

namespace CareerKit.Benchmarks;

/// <summary>
/// Warm review of the reference two-page resume against the ML track, with a job description: the alias table and
/// templates read once, the resume already read from JSON (what POST /api/resumes/{track}/review adds to reading it).
/// The parse check the review also answers is measured apart: whole (render the PDF, read it back, compare), and
/// its read-back alone (the PDF already rendered).
/// </summary>
[MemoryDiagnoser]
public class ResumeReviewBenchmarks
{
    private const string JobDescription = """
        We are hiring a Machine Learning Engineer to build fraud and forecasting models with PyTorch and scikit-learn.
        You will own feature engineering in Spark and SQL, ship models on Kubernetes (k8s) with CI/CD, and monitor them
        for drift. Experience with large language models, retrieval-augmented generation and vector databases is a plus.
        Our stack: Python, Go, Kubernetes, Airflow, Snowflake, dbt, Node.js services. Kubernetes on-call once a month.
        You know statistics and A/B testing, and you have shipped Node.js or Python services to production.
        """;

    private ResumeTemplates _templates = null!;
    private ResumeTemplate _template = null!;
    private ResumeDocument _resume = null!;
    private ResumeDocument _tailored = null!;
    private ResumeRenderer _renderer = null!;
    private ResumeParseCheck _parseCheck = null!;
    private byte[] _pdf = null!;

    [GlobalSetup]
    public void Setup()
    {
        _templates = ResumeTemplates.Default();
        _template = _templates.Find(Track.Ml)!;
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference-resume.json")));
        _resume = ResumeReader.Read(json.RootElement).Resume!;
        _tailored = ResumeTailor.Tailor(_resume, _template, _templates.SkillAliases);
        _renderer = new ResumeRenderer();
        _parseCheck = new ResumeParseCheck(_renderer);
        _pdf = _renderer.Render(_tailored, _template, Paper.A4).Pdf;
        if (ResumeParseCheck.Check(_tailored, _pdf, CancellationToken.None).Mismatches.Count != 0)
        {
            throw new InvalidOperationException("The reference resume should read back from its PDF without a mismatch.");
        }
    }

    [Benchmark]
    public int ReviewWithJobDescription() => ResumeReviewer.Review(_resume, _template, _templates.SkillAliases, JobDescription).KeySkills.Count;

    [Benchmark]
    public int ParseCheckWithRender() => _parseCheck.Check(_tailored, _template, Paper.A4, CancellationToken.None).Fields.Count;

    [Benchmark]
    public int ParseCheckReadBackOnly() => ResumeParseCheck.Check(_tailored, _pdf, CancellationToken.None).Fields.Count;

    [GlobalCleanup]
    public void Cleanup() => _renderer.Dispose();
}
