using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CareerKit.Pdf.Document;
using CareerKit.Resumes;

namespace CareerKit.Benchmarks;

/// <summary>Warm render of the reference two-page tailored resume, as a PDF and as a DOCX: JSON already read, fonts loaded once.</summary>
[MemoryDiagnoser]
public class ResumeRenderBenchmarks
{
    private ResumeRenderer _renderer = null!;
    private ResumeTemplate _template = null!;
    private ResumeDocument _tailored = null!;

    [GlobalSetup]
    public void Setup()
    {
        _renderer = new ResumeRenderer();
        var templates = ResumeTemplates.Default();
        _template = templates.Find(Track.Ml)!;
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference-resume.json")));
        _tailored = ResumeTailor.Tailor(ResumeReader.Read(json.RootElement).Resume!, _template, templates.SkillAliases);
    }

    [Benchmark]
    public int RenderTailoredResume() => _renderer.Render(_tailored, _template, Paper.A4).Pdf.Length;

    /// <summary>The same resume as a Word document (issue 12 §4: ≤ 5 ms warm).</summary>
    [Benchmark]
    public int WriteTailoredDocx() => _renderer.Write(ResumeFormat.Docx, _tailored, _template, Paper.A4, "ml-engineer").Content.Length;

    [GlobalCleanup]
    public void Cleanup() => _renderer.Dispose();
}
