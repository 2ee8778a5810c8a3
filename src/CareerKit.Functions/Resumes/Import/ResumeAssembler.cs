using System.Text.RegularExpressions;

namespace CareerKit.Resumes.Import;

/// <summary>Something the import could not find or had to guess, named by its JSON path: <c>work[1].endDate</c>, "not found".</summary>
public sealed record ImportDoubt(string Path, string Message);

/// <summary>A resume read from a file, and what the reader should check.</summary>
public sealed record ImportedResume(ResumeDocument Resume, IReadOnlyList<ImportDoubt> Doubts);

/// <summary>Builds the JSON Resume document from the split resume, noting each doubt on the way.</summary>
public static partial class ResumeAssembler
{
    private const string NotFound = "not found";
    private const string Guessed = "guessed from its words: check that the organisation and the position are not swapped";

    public static ImportedResume Assemble(SplitResume split)
    {
        var doubts = new List<ImportDoubt>();
        var sections = split.Sections.GroupBy(section => section.Key).ToDictionary(group => group.Key, group => group.SelectMany(section => section.Lines).ToList());
        List<ResumeLine> Lines(string key) => sections.GetValueOrDefault(key) ?? [];

        var basics = Basics(split.Header, Lines("contact"), Lines("summary"), doubts);
        var resume = new ResumeDocument
        {
            Basics = basics,
            Work = Entries("work", Lines("work"), doubts, entry => new Work(entry.Main, entry.Detail, entry.Url, Start(entry), End(entry), entry.Summary, entry.Highlights)),
            Volunteer = Entries("volunteer", Lines("volunteer"), doubts, entry => new Volunteer(entry.Main, entry.Detail, entry.Url, Start(entry), End(entry), entry.Summary, entry.Highlights)),
            Education = Entries("education", Lines("education"), doubts, Education),
            Projects = Entries("projects", Lines("projects"), doubts, entry => new Project(Join(entry.Main, entry.Detail), Start(entry), End(entry), entry.Summary, entry.Highlights, entry.Url)),
            Certificates = Entries("certificates", Lines("certificates"), doubts, entry => new Certificate(entry.Main, Single(entry), entry.Detail, entry.Url)),
            Publications = Entries("publications", Lines("publications"), doubts, entry => new Publication(entry.Main, entry.Detail, Single(entry), entry.Url, entry.Summary)),
            Awards = Entries("awards", Lines("awards"), doubts, entry => new Award(entry.Main, Single(entry), entry.Detail, entry.Summary)),
            Skills = Labelled(Lines("skills")).Select(item => new Skill(item.Label ?? "Skills", item.Level, item.Items)).ToList(),
            Interests = Labelled(Lines("interests")).Select(item => new Interest(item.Label ?? string.Join(", ", item.Items), item.Label is null ? [] : item.Items)).ToList(),
            Languages = Lines("languages").SelectMany(line => Items(line.Text)).Select(Language).ToList(),
        };

        foreach (var section in split.Sections.Where(section => section.Key == SectionSplitter.Other && section.Lines.Count > 0))
        {
            doubts.Add(new ImportDoubt("", $"the section \"{section.Heading}\" has no place in a JSON Resume and was left out"));
        }

        return new ImportedResume(resume, doubts);
    }

    private static Basics Basics(IReadOnlyList<ResumeLine> header, IReadOnlyList<ResumeLine> contactSection, IReadOnlyList<ResumeLine> summary, List<ImportDoubt> doubts)
    {
        // The name is the header's largest line (its first when sizes tie), the label the next line that is no contact detail.
        var name = header.Where(line => !ContactParser.IsContact(line.Text)).Take(4).OrderByDescending(line => line.Size).FirstOrDefault();
        var label = name is null ? null : header.SkipWhile(line => line != name).Skip(1)
            .FirstOrDefault(line => !ContactParser.IsContact(line.Text) && line.Text.Length <= 80 && !Place().IsMatch(line.Text));
        var contact = ContactParser.Parse([.. header.Where(line => line != name && line != label), .. contactSection]);
        var text = string.Join(" ", summary.Select(line => line.Text.Trim()));

        if (name is null)
        {
            doubts.Add(new ImportDoubt("basics.name", NotFound));
        }

        if (contact.Email is null)
        {
            doubts.Add(new ImportDoubt("basics.email", NotFound));
        }

        if (contact.Phone is null)
        {
            doubts.Add(new ImportDoubt("basics.phone", NotFound));
        }

        return new Basics(name?.Text.Trim(), label?.Text.Trim(), null, contact.Email, contact.Phone, contact.Url, text.Length == 0 ? null : text, contact.Location, contact.Profiles);
    }

    private static List<T> Entries<T>(string section, IReadOnlyList<ResumeLine> lines, List<ImportDoubt> doubts, Func<ParsedEntry, T> build)
    {
        var entries = EntryParser.Parse(section, lines);
        var result = new List<T>();
        foreach (var (entry, index) in entries.Select((entry, index) => (entry, index)))
        {
            var path = $"{section}[{index}]";
            Doubt(doubts, path, entry, section);
            result.Add(build(entry));
        }

        return result;
    }

    /// <summary>The doubts a reader should see for an entry: the parts that are expected but were not found.</summary>
    private static void Doubt(List<ImportDoubt> doubts, string path, ParsedEntry entry, string section)
    {
        var (main, detail, start, end) = section switch
        {
            "work" => ("name", "position", "startDate", "endDate"),
            "volunteer" => ("organization", "position", "startDate", "endDate"),
            "education" => ("institution", "studyType", "startDate", "endDate"),
            "projects" => ("name", null, "startDate", "endDate"),
            "certificates" => ("name", "issuer", null, "date"),
            "publications" => ("name", "publisher", null, "releaseDate"),
            _ => ("title", "awarder", null, "date"),
        };
        if (entry.Main is null)
        {
            doubts.Add(new ImportDoubt($"{path}.{main}", NotFound));
        }

        if (detail is not null && entry.Detail is null)
        {
            doubts.Add(new ImportDoubt($"{path}.{detail}", NotFound));
        }

        if (entry.OrderGuessed)
        {
            doubts.Add(new ImportDoubt($"{path}.{detail ?? main}", Guessed));
        }

        if (entry.Dates is null)
        {
            doubts.Add(new ImportDoubt($"{path}.{start ?? end}", NotFound));
            if (start is not null)
            {
                doubts.Add(new ImportDoubt($"{path}.{end}", NotFound));
            }
        }
        else if (start is not null && entry.Dates.IsSingle)
        {
            doubts.Add(new ImportDoubt($"{path}.{(section == "education" ? start : end)}", "only one date was printed"));
        }
    }

    private static Education Education(ParsedEntry entry)
    {
        // "Bachelor in Information Technology": the study type, then the area.
        var degree = entry.Detail?.Split(" in ", 2, StringSplitOptions.TrimEntries);
        string? score = null;
        var courses = new List<string>(entry.Highlights);
        foreach (var part in (entry.Summary ?? "").Split(" · ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (ScoreLabel().Match(part) is { Success: true } scored)
            {
                score = part[scored.Length..].Trim();
            }
            else if (part.StartsWith("Courses:", StringComparison.OrdinalIgnoreCase))
            {
                courses.AddRange(Items(part["Courses:".Length..]));
            }
        }

        var start = entry.Dates is { IsSingle: true } ? null : entry.Dates?.Start;
        var end = entry.Dates is { IsSingle: true } ? entry.Dates.Start : entry.Dates?.End;
        return new Education(entry.Main, entry.Url, degree?.Length > 1 ? degree[1] : null, degree?[0], start, end, score, courses);
    }

    private static ResumeDate? Start(ParsedEntry entry) => entry.Dates?.Start;

    private static ResumeDate? End(ParsedEntry entry) => entry.Dates?.End;

    /// <summary>The one date of a certificate, publication or award: the last one printed.</summary>
    private static ResumeDate? Single(ParsedEntry entry) => entry.Dates?.End ?? entry.Dates?.Start;

    private static string? Join(string? first, string? second) => first is null ? second : second is null ? first : $"{first}, {second}";

    /// <summary>"Machine learning: PyTorch, JAX (Expert)" lines, or bare lists under the heading.</summary>
    private static IEnumerable<(string? Label, string? Level, IReadOnlyList<string> Items)> Labelled(IReadOnlyList<ResumeLine> lines)
    {
        foreach (var line in lines)
        {
            var text = line.Text.Trim();
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var label = colon is > 0 and < 40 ? text[..colon].Trim() : null;
            var rest = label is null ? text : text[(colon + 1)..];
            string? level = null;
            if (LevelSuffix().Match(rest) is { Success: true } suffix)
            {
                level = suffix.Groups["level"].Value;
                rest = rest[..suffix.Index];
            }

            var items = Items(rest).ToList();
            if (items.Count > 0 || label is not null)
            {
                yield return (label, level, items);
            }
        }
    }

    /// <summary>Comma-separated items, commas inside parentheses kept: "English (Native, C2), French".</summary>
    private static IEnumerable<string> Items(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || (depth == 0 && text[i] is ',' or ';' or '·' or '•' or '|'))
            {
                var item = text[start..i].Trim();
                if (item.Length > 0)
                {
                    yield return item;
                }

                start = i + 1;
            }
            else if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')')
            {
                depth = Math.Max(0, depth - 1);
            }
        }
    }

    private static Language Language(string item)
    {
        var open = item.IndexOf('(', StringComparison.Ordinal);
        if (open > 0 && item.EndsWith(')'))
        {
            return new Language(item[..open].Trim(), item[(open + 1)..^1].Trim());
        }

        var dash = item.Split([" – ", " - ", ": "], 2, StringSplitOptions.TrimEntries);
        return dash.Length == 2 ? new Language(dash[0], dash[1]) : new Language(item, null);
    }

    [GeneratedRegex(@"\s*\((?<level>[^()]{1,30})\)\s*$")]
    private static partial Regex LevelSuffix();

    [GeneratedRegex(@"^(score|gpa|grade)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex ScoreLabel();

    [GeneratedRegex(@"^\p{Lu}[\p{L}' .-]+(?:, ?\p{L}[\p{L}' .-]+){1,2}$")]
    private static partial Regex Place();
}
