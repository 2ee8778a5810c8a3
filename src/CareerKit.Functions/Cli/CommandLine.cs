using System.Text.Json;
using CareerKit.Hosting;
using CareerKit.Pdf.Document;
using CareerKit.Resumes;
using Microsoft.Extensions.Options;

namespace CareerKit.Cli;

/// <summary>
/// Commands of the app that run without a server: <c>careerkit resume render &lt;track&gt; [--in resume.json]
/// [--paper a4|letter] [--format pdf|docx|txt|json] --out resume.pdf</c>. Same engine and validation as the API; problems go to stderr.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int BadInput = 2;

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "resume";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length < 3 || args[1] != "render")
        {
            error.WriteLine($"usage: careerkit resume render <{string.Join('|', Tracks.WithResumeTemplate.Select(track => track.ResumeSlug()))}> [--in resume.json] [--paper a4|letter] --out resume.pdf");
            return BadInput;
        }

        var options = Options(args.Skip(3).ToArray(), error);
        if (options is null)
        {
            return BadInput;
        }

        var templates = ResumeTemplates.Default();
        if (templates.ForSlug(args[2]) is not { } template)
        {
            error.WriteLine(Tracks.ResumeSlugProblem(args[2]));
            return BadInput;
        }

        var resume = template.Document;
        if (options.TryGetValue("in", out var input))
        {
            if (Read(input, error) is not { } read)
            {
                return BadInput;
            }

            if (ResumeTailor.Refusal(read) is { } refusal)
            {
                error.WriteLine(refusal);
                return BadInput;
            }

            resume = read;
        }

        using var renderer = new ResumeRenderer();
        ResumeFormats.TryParse(options.GetValueOrDefault("format"), out var format);
        var paper = options.GetValueOrDefault("paper") == "letter" ? Paper.Letter : Paper.A4;
        var result = renderer.Write(format, ResumeTailor.Tailor(resume, template), template, paper, args[2]);
        File.WriteAllBytes(options["out"], result.Content);
        foreach (var missing in result.MissingCharacters)
        {
            error.WriteLine($"warning: no font has '{missing}'; it is drawn as □");
        }

        var pages = result.Pdf is { } pdf ? $"{pdf.PageCount} page(s), " : "";
        output.WriteLine($"Wrote {options["out"]} ({pages}{result.Content.Length / 1024.0:0.0} KB).");
        return Ok;
    }

    private static Dictionary<string, string>? Options(string[] args, TextWriter error)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length || args[i][2..] is not ("in" or "paper" or "format" or "out"))
            {
                error.WriteLine($"unexpected argument '{args[i]}': use --in FILE, --paper a4|letter, --format pdf|docx|txt|json and --out FILE");
                return null;
            }

            options[args[i][2..]] = args[i + 1];
        }

        if (!options.ContainsKey("out"))
        {
            error.WriteLine("--out FILE is required: where to write the resume");
            return null;
        }

        if (options.GetValueOrDefault("paper") is { } paper && paper is not ("a4" or "letter"))
        {
            error.WriteLine($"'{paper}' is not a paper size. Use a4 or letter.");
            return null;
        }

        if (!ResumeFormats.TryParse(options.GetValueOrDefault("format"), out _))
        {
            error.WriteLine($"'{options["format"]}' is not a resume format. Use {ResumeFormats.Choices}.");
            return null;
        }

        return options;
    }

    private static ResumeDocument? Read(string file, TextWriter error)
    {
        if (!File.Exists(file))
        {
            error.WriteLine($"{file}: no such file");
            return null;
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(File.ReadAllText(file), ResumeReader.JsonOptions);
        }
        catch (JsonException malformed)
        {
            error.WriteLine($"{file}: not valid JSON ({malformed.Message})");
            return null;
        }

        using (json)
        {
            var (resume, problems) = ResumeReader.Read(json.RootElement);
            foreach (var problem in problems)
            {
                error.WriteLine(problem);
            }

            return resume;
        }
    }
}
