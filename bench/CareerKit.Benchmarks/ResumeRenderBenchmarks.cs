using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CareerKit.Hosting;
using CareerKit.Pdf.Document;
using CareerKit.Resumes;
using Microsoft.Extensions.Options;

namespace CareerKit.Benchmarks;

/// <summary>Warm render of the reference two-page tailored resume: JSON already read, fonts loaded once.</summary>
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
        _template = ResumeTemplates.Default().Find(Track.Ml)!;
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference-resume.json")));
        _tailored = ResumeTailor.Tailor(ResumeReader.Read(json.RootElement).Resume!, _template);
    }

    [Benchmark]
    public int RenderTailoredResume() => _renderer.Render(_tailored, _template, Paper.A4).Pdf.Length;

    [GlobalCleanup]
    public void Cleanup() => _renderer.Dispose();
}
