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
    private ResumeDocument _otherScripts = null!;

    [GlobalSetup]
    public void Setup()
    {
        _renderer = new ResumeRenderer();
        var templates = ResumeTemplates.Default();
        _template = templates.Find(Track.Ml)!;
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference-resume.json"));
        _tailored = Tailored(text, templates);

        // The same resume where the fallback fonts draw part: a Chinese name, a Hindi and a Korean employer.
        var node = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        node["basics"]!["name"] = "陈伟 Wei Chen";
        node["work"]![0]!["name"] = "बेंगलुरु AI Labs";
        node["work"]![1]!["name"] = "서울 로보틱스";
        _otherScripts = Tailored(node.ToJsonString(), templates);
    }

    private ResumeDocument Tailored(string text, ResumeTemplates templates)
    {
        using var json = JsonDocument.Parse(text);
        return ResumeTailor.Tailor(ResumeReader.Read(json.RootElement).Resume!, _template, templates.SkillAliases);
    }

    [Benchmark]
    public int RenderTailoredResume() => _renderer.Render(_tailored, _template, Paper.A4).Pdf.Length;

    /// <summary>The same resume with Chinese, Hindi and Korean words: three fallback fonts subset and embedded.</summary>
    [Benchmark]
    public int RenderWithFallbackFonts() => _renderer.Render(_otherScripts, _template, Paper.A4).Pdf.Length;

    /// <summary>The same resume as a Word document (issue 12 §4: ≤ 5 ms warm).</summary>
    [Benchmark]
    public int WriteTailoredDocx() => _renderer.Write(ResumeFormat.Docx, _tailored, _template, Paper.A4, "ml-engineer").Content.Length;

    [GlobalCleanup]
    public void Cleanup() => _renderer.Dispose();
}
