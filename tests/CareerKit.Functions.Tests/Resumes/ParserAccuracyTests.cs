using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Resumes;

/// <summary>
/// Issue 12 §1 and §5: scripts/parser-accuracy.sh on a small corpus, in the suite. OpenResume's parser (an
/// applicant-tracking parser, ../shared/tools/openresume) must read each field of three real resumes, both tracks,
/// A4 and Letter, at least as often as today's layout does. The full corpus's table is in docs/benchmarks.md.
/// </summary>
public sealed partial class ParserAccuracyTests
{
    // Three resumes: pre-1.0 names and entries across page breaks (0xadada, three pages), a name and job titles
    // outside the parser's ASCII and keyword rules (koddsson), and the schema's sample with a phone number.
    private static readonly string[] Corpus = ["0xadada.json", "koddsson.json", "jsonresume-sample.json"];

    /// <summary>
    /// Read right / of, per field. What is below 100% is the parser's rules meeting the authors' own words, which a
    /// tailored resume must not change: "Kristján" is not ASCII, "Web engineer" and "Teachers assistant" are not in
    /// its job-title list, "College"/"Information Technology" and a degree without "Bachelor" or "Master" are not
    /// degrees to it.
    /// </summary>
    private static readonly Dictionary<string, (int Right, int Of)> Floors = new()
    {
        ["name"] = (8, 12),
        ["email"] = (12, 12),
        ["phone"] = (8, 8),
        ["website"] = (12, 12),
        ["work company"] = (72, 72),
        ["work title"] = (56, 72),
        ["work dates"] = (72, 72),
        ["education school"] = (20, 20),
        ["education degree"] = (16, 20),
        ["education dates"] = (20, 20),
    };

    [Fact]
    public async Task OpenResume_reads_every_field_of_a_small_real_corpus_at_least_as_well_as_today()
    {
        var root = RepositoryRootAttribute.Value;
        // Never skipped: on a machine without the kit the script exits 1 saying where it looked, and this fails with that.

        var app = Path.Combine(Path.GetDirectoryName(typeof(CareerKit.Hosting.CareerKitHostExtensions).Assembly.Location)!, "CareerKit.Functions.dll");
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "parser-accuracy.sh"), .. Corpus.Select(file => Path.Combine(root, "tests", "CareerKit.Functions.Tests", "Resumes", "real-resumes", file))])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["APP"] = app, ["MISSES"] = "1" }, // OPENRESUME, when set, passes through; otherwise the script finds the kit.
        };
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();
        var table = await output;
        Assert.True(script.ExitCode == 0, $"parser-accuracy.sh exited with {script.ExitCode}:\n{table}\n{await errors}");

        var read = Row().Matches(table).ToDictionary(row => row.Groups["field"].Value, row => (Right: int.Parse(row.Groups["right"].Value, CultureInfo.InvariantCulture), Of: int.Parse(row.Groups["of"].Value, CultureInfo.InvariantCulture)));
        var misses = await errors;
        Assert.All(Floors, floor =>
        {
            Assert.True(read.TryGetValue(floor.Key, out var got), $"no {floor.Key} row in:\n{table}");
            Assert.Equal(floor.Value.Of, got.Of);
            Assert.True(got.Right >= floor.Value.Right, $"{floor.Key}: {got.Right} of {got.Of} read right, below {floor.Value.Right}.\n{table}\nMisses:\n{misses}");
        });
        Assert.Contains("Invented entries (work or education entries beyond the source's): 0;", table);
    }

    [GeneratedRegex(@"^\| (?<field>[a-z ]+) \| (?<right>\d+) \| (?<of>\d+) \|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
