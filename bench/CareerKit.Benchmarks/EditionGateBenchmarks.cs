using BenchmarkDotNet.Attributes;
using CareerKit.Hosting;
using CareerKit.Newsletter;
using CareerKit.Rendering;
using Microsoft.Extensions.Options;

namespace CareerKit.Benchmarks;

/// <summary>
/// What the send gate adds to an edition's page, a schedule or the weekly run: one check of a three-tip edition as the
/// sample subscriber gets it (personalise, parse the HTML, every rule).
/// </summary>
[MemoryDiagnoser]
public class EditionGateBenchmarks
{
    private EditionGate _gate = null!;
    private Edition _edition = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CareerKit.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run from inside the repository.");
        }

        var tips = TipLibrary.Load(Path.Combine(root, "seeds", "tips")).Tips;
        var composer = new EditionComposer(new TemplateLibrary(Path.Combine(root, "templates")));
        _edition = composer.Compose(Track.Both, DateTimeOffset.UtcNow, TipRotation.Choose(tips, Track.Both, []).Chosen, "https://careerkit.example/archive");
        _gate = new EditionGate(Options.Create(new CareerKitOptions { PublicBaseUrl = "https://careerkit.example" }));
    }

    [Benchmark]
    public bool CheckOneEdition() => _gate.Check(_edition).Passes;
}
