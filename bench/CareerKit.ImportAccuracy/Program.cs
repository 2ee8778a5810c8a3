using System.Globalization;
using System.Text.Json;
using CareerKit.Hosting;
using CareerKit.ImportAccuracy;
using CareerKit.Pdf.Document;
using CareerKit.Resumes;
using CareerKit.Resumes.Import;
using Microsoft.Extensions.Options;

// dotnet run -c Release --project bench/CareerKit.ImportAccuracy [-- --misses]
// Scores the fields the import recovers: from CareerKit's own PDF and DOCX of every real resume in the tests (round
// trip), and from the committed files other tools made (tests/CareerKit.Functions.Tests/Resumes/ImportCorpus).
var root = Directory.GetCurrentDirectory();
while (!File.Exists(Path.Combine(root, "CareerKit.sln")))
{
    root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run from inside the repository.");
}

var showMisses = args.Contains("--misses");
if (args is ["--lines", var path])
{
    // How the importer sees a file: each line with its kind, size and runs (| marks a wide gap, * bold).
    var bytes = File.ReadAllBytes(path);
    var text = ResumeImporter.KindOf(bytes) == ResumeFileKind.Pdf ? PdfResumeText.Read(bytes, default) : DocxResumeText.Read(bytes, default);
    foreach (var line in text.Lines)
    {
        Console.WriteLine($"{line.Kind,-7} {line.Size,5:0.0} {string.Join(" ", line.Segments.Select(s => (s.AfterGap ? "| " : "") + (s.Bold ? "*" : "") + s.Text))}{(line.Links.Count > 0 ? "  → " + string.Join(" ", line.Links) : "")}");
    }

    return;
}

var options = Options.Create(new CareerKitOptions { FontsPath = Path.Combine(root, "node_modules", "dejavu-fonts-ttf", "ttf") });
var importer = new ResumeImporter(options, TimeProvider.System);
using var renderer = new ResumeRenderer(options.Value.FontsPath);
var templates = new ResumeTemplates(Path.Combine(root, "templates"));

var rows = new List<(string Source, FieldScore Score, int Files)>();
foreach (var (track, format) in new[] { ("ml-engineer", ResumeFormat.Pdf), ("ml-engineer", ResumeFormat.Docx), ("ai-engineer", ResumeFormat.Pdf), ("ai-engineer", ResumeFormat.Docx) })
{
    var template = templates.ForSlug(track)!;
    var total = new FieldScore();
    var files = 0;
    foreach (var file in Directory.GetFiles(Path.Combine(root, "tests", "CareerKit.Functions.Tests", "Resumes", "real-resumes"), "*.json").Order(StringComparer.Ordinal))
    {
        var expected = Read(file);
        var tailored = ResumeTailor.Tailor(expected, template);
        var bytes = renderer.Write(format, tailored, template, Paper.A4, track).Content;
        var imported = await importer.ImportAsync(bytes, CancellationToken.None);
        total.Add(FieldScore.Of($"{Path.GetFileName(file)} ({track} {format})", expected, imported.Resume));
        files++;
    }

    rows.Add(($"round trip: CareerKit {format.ToString().ToUpperInvariant()} ({track})", total, files));
}

var corpus = Path.Combine(root, "tests", "CareerKit.Functions.Tests", "Resumes", "ImportCorpus");
using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(corpus, "manifest.json"))))
{
    foreach (var tool in manifest.RootElement.EnumerateArray().GroupBy(item => item.GetProperty("tool").GetString()!))
    {
        var total = new FieldScore();
        var files = 0;
        foreach (var item in tool)
        {
            var name = item.GetProperty("file").GetString()!;
            var expected = Read(Path.Combine(corpus, item.GetProperty("expected").GetString()!));
            var imported = await importer.ImportAsync(File.ReadAllBytes(Path.Combine(corpus, name)), CancellationToken.None);
            total.Add(FieldScore.Of(name, expected, imported.Resume));
            files++;
        }

        rows.Add((tool.Key, total, files));
    }
}

string Cell((int Right, int Total) count) => count.Total == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * count.Right / count.Total:0.#}% ({count.Right}/{count.Total})");

Console.WriteLine($"| source | files | {string.Join(" | ", FieldScore.Fields)} | all fields |");
Console.WriteLine($"|---|---|{string.Concat(FieldScore.Fields.Select(_ => "---|"))}---|");
foreach (var (source, score, files) in rows)
{
    Console.WriteLine($"| {source} | {files} | {string.Join(" | ", FieldScore.Fields.Select(field => Cell(score[field])))} | **{Cell(score.Overall)}** |");
}

if (showMisses)
{
    foreach (var miss in rows.SelectMany(row => row.Score.Misses))
    {
        Console.WriteLine(miss);
    }
}

static ResumeDocument Read(string file)
{
    using var json = JsonDocument.Parse(File.ReadAllText(file), ResumeReader.JsonOptions);
    return ResumeReader.Read(json.RootElement).Resume ?? throw new InvalidOperationException($"{file} is not a resume");
}
