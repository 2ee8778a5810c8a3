using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace CareerKit.Resumes;

/// <summary>
/// What a reader tailoring a resume needs to know: each of the track's key skills as shown (with the passages that
/// show it), listed only or missing; what a job ad asks for that the resume meets and lacks; the sections it leaves
/// out (with the template's advice for each); the work highlights without a number; which pre-1.0 JSON Resume names
/// it was read with, and how dates written in other forms were read.
/// </summary>
/// <remarks>
/// <see cref="KeySkillsShown"/>, <see cref="KeySkillsMissing"/>, <see cref="JobTermsMissing"/> and
/// <see cref="CoveragePercent"/> predate <see cref="KeySkills"/>: "shown" there means named anywhere, the skills list included.
/// </remarks>
public sealed record ResumeReview(
    string Track, // The template's slug (ml-engineer, ai-engineer), as in the review's URL.
    IReadOnlyList<string> KeySkillsShown,
    IReadOnlyList<string> KeySkillsMissing,
    IReadOnlyList<JobTerm> JobTermsMissing,
    int CoveragePercent,
    IReadOnlyList<MissingSection> MissingSections,
    IReadOnlyList<LegacyName> LegacyNames,
    IReadOnlyList<InterpretedDate> InterpretedDates,
    IReadOnlyList<KeySkillReport> KeySkills,
    IReadOnlyList<JobTerm> JobTermsMet,
    IReadOnlyList<UnmeasuredBullet> BulletsWithoutNumbers);

/// <summary>A section the resume leaves out (and the tailored PDF with it), and what the track's template advises putting there.</summary>
public sealed record MissingSection(string Section, string Heading, string Advice);

/// <summary>A skill term a job description mentions <see cref="Count"/> times.</summary>
public sealed record JobTerm(string Term, int Count);

/// <summary>How a resume shows a key skill of the track.</summary>
public enum SkillStatus
{
    /// <summary>Named in a work entry, project or another section than the skills list.</summary>
    [JsonStringEnumMemberName("shown")] Shown,

    /// <summary>Only in the skills list: claimed, never shown in use, which hiring managers discount.</summary>
    [JsonStringEnumMemberName("listedOnly")] ListedOnly,

    [JsonStringEnumMemberName("missing")] Missing,
}

/// <summary>A key skill's standing; for one not shown, what to do (<see cref="Hint"/>) and the template's advice for the section to add it to.</summary>
public sealed record KeySkillReport(
    string Skill,
    [property: JsonConverter(typeof(JsonStringEnumConverter<SkillStatus>))] SkillStatus Status,
    IReadOnlyList<SkillEvidence> Evidence,
    string? Hint,
    string? AdviceSection,
    string? Advice);

/// <summary>Where a resume names a skill, and the phrase that names it.</summary>
public sealed record SkillEvidence(string Path, string Where, string Quote);

/// <summary>A work highlight with no number in it: no result a reader can weigh.</summary>
public sealed record UnmeasuredBullet(string Path, string Where, string Text);

public static partial class ResumeReviewer
{
    private const int MaxEvidence = 3;

    public static ResumeReview Review(ResumeDocument resume, ResumeTemplate template, SkillAliases aliases, string? jobDescription)
    {
        var passages = ResumePassage.Of(resume);
        var mentions = passages.Select(passage => aliases.Find(passage.Text)).ToList();
        var keySkills = template.KeySkills.Select(skill => KeySkill(skill, template, aliases, passages, mentions, resume)).ToList();
        var named = keySkills.Where(report => report.Status != SkillStatus.Missing).Select(report => report.Skill).ToList();

        var (met, missing) = jobDescription is null ? ([], []) : JobDescriptionTerms.Match(jobDescription, aliases, passages, mentions);
        return new ResumeReview(
            template.Track.ResumeSlug()!,
            named,
            keySkills.Where(report => report.Status == SkillStatus.Missing).Select(report => report.Skill).ToList(),
            missing,
            template.KeySkills.Count == 0 ? 100 : 100 * named.Count / template.KeySkills.Count,
            MissingSections(resume, template),
            resume.LegacyNames,
            resume.InterpretedDates,
            keySkills,
            met,
            UnmeasuredBullets(resume, passages));
    }

    private static KeySkillReport KeySkill(string skill, ResumeTemplate template, SkillAliases aliases, List<ResumePassage> passages, List<List<SkillMention>> mentions, ResumeDocument resume)
    {
        var metBy = aliases.MetBy(skill);
        var evidence = new List<SkillEvidence>();
        var listed = false;
        for (var i = 0; i < passages.Count; i++)
        {
            foreach (var mention in mentions[i].Where(mention => metBy.Contains(mention.Skill)))
            {
                if (passages[i].Section == "skills")
                {
                    listed = true;
                }
                else if (evidence.Count < MaxEvidence)
                {
                    evidence.Add(new SkillEvidence(passages[i].Path, passages[i].Where, passages[i].Quote(mention.Index, mention.Length)));
                }

                break; // One quote per passage is enough.
            }
        }

        if (evidence.Count > 0)
        {
            return new KeySkillReport(skill, SkillStatus.Shown, evidence, null, null, null);
        }

        // Listed: show it where it was used. Missing: a project is where a switcher can show a skill not yet used at work.
        var section = listed ? ShowingSection(template, resume) : "projects";
        var hint = listed
            ? $"Only in your skills list, which hiring managers discount: name {skill} in the work entry or project where you used it, with what it achieved."
            : $"Not on your resume. If you have used {skill}, add it to your skills and to the work entry or project where you used it; if not, a project that uses it shows it.";
        return new KeySkillReport(skill, listed ? SkillStatus.ListedOnly : SkillStatus.Missing, [], hint, template.Heading(section), template.Advice.GetValueOrDefault(section));
    }

    /// <summary>The first of work and projects, in the track's order, that the resume has; the first in that order if neither.</summary>
    private static string ShowingSection(ResumeTemplate template, ResumeDocument resume)
    {
        var candidates = template.Sections.Where(section => section is "work" or "projects").DefaultIfEmpty("work").ToList();
        return candidates.FirstOrDefault(resume.Has) ?? candidates[0];
    }

    /// <summary>Sections the template advises on that the resume leaves out, the contact details first, then in the track's order.</summary>
    private static List<MissingSection> MissingSections(ResumeDocument resume, ResumeTemplate template) =>
        template.Sections.Prepend("contact")
            .Where(section => template.Advice.ContainsKey(section) && !resume.Has(section))
            .Select(section => new MissingSection(section, template.Heading(section), template.Advice[section]))
            .ToList();

    private static List<UnmeasuredBullet> UnmeasuredBullets(ResumeDocument resume, List<ResumePassage> passages) =>
        passages.Where(passage => passage.Section == "work" && passage.Path.Contains(".highlights[", StringComparison.Ordinal) && !HasNumber().IsMatch(passage.Text))
            .Select(passage => new UnmeasuredBullet(passage.Path, passage.Where, passage.Text))
            .ToList();

    /// <summary>A digit, or a number written as a word ("halved", "twice", "three teams").</summary>
    [GeneratedRegex(@"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half|halved|double[ds]?|twice|tripled?|quadrupled?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HasNumber();
}
