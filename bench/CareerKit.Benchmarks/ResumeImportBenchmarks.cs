using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CareerKit.Hosting;
using CareerKit.Pdf.Document;
using CareerKit.Resumes;
using CareerKit.Resumes.Import;
using Microsoft.Extensions.Options;

namespace CareerKit.Benchmarks;

/// <summary>Warm import of the reference two-page resume, as CareerKit writes it in PDF and in DOCX: bytes in, JSON Resume and doubts out.</summary>
[MemoryDiagnoser]
public class ResumeImportBenchmarks
{
    private ResumeImporter _importer = null!;
    private byte[] _pdf = null!;
    private byte[] _docx = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new CareerKitOptions());
        using var renderer = new ResumeRenderer(options.Value.FontsPath);
        var template = ResumeTemplates.Default().Find(Track.Ml)!;
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference-resume.json")));
        var resume = ResumeTailor.Tailor(ResumeReader.Read(json.RootElement).Resume!, template);
        var pdf = renderer.Render(resume, template, Paper.A4);
        if (pdf.PageCount != 2)
        {
            throw new InvalidOperationException($"The reference resume should be 2 pages, not {pdf.PageCount}.");
        }

        _pdf = pdf.Pdf;
        _docx = renderer.Write(ResumeFormat.Docx, resume, template, Paper.A4, "ml-engineer").Content;
        _importer = new ResumeImporter(options, TimeProvider.System);
    }

    [Benchmark]
    public Task<ImportedResume> ImportTwoPagePdf() => _importer.ImportAsync(_pdf, CancellationToken.None);

    [Benchmark]
    public Task<ImportedResume> ImportTwoPageDocx() => _importer.ImportAsync(_docx, CancellationToken.None);
}
