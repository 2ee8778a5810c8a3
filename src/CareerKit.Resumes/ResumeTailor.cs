namespace CareerKit.Resumes;

/// <summary>
/// Tailors a reader's resume to a track: it keeps only what the reader sent (sections left out stay out; the
/// review lists them with the template's advice), ordering skill groups and keywords so the track's key skills lead.
/// </summary>
public static class ResumeTailor
{
    public static ResumeDocument Tailor(ResumeDocument reader, ResumeTemplate template) =>
        reader with { Skills = KeySkillsFirst(reader.Skills, template.KeySkills) };

    /// <summary>Why a resume cannot be tailored, if it cannot: a resume is headed by its owner's name.</summary>
    public static ResumeProblem? Refusal(ResumeDocument reader) => reader.Basics?.Name is null
        ? new ResumeProblem("basics.name", "your name is missing; a resume is headed by it, so add it (\"basics\": { \"name\": \"…\" }, or the Name field)")
        : null;

    /// <summary>Whether a resume shows a key skill: in a skill name or keyword, a highlight, a summary or a project.</summary>
    public static bool Mentions(string text, string skill)
    {
        // "AWS, Azure or GCP" and "Go or Java" are met by any of their alternatives.
        var alternatives = skill.Split([", ", " or "], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return alternatives.Any(alternative => text.Contains(alternative, StringComparison.OrdinalIgnoreCase));
    }

    private static IReadOnlyList<Skill> KeySkillsFirst(IReadOnlyList<Skill> skills, IReadOnlyList<string> keySkills)
    {
        int Rank(string keyword) => keySkills.Select((skill, index) => (skill, index)).FirstOrDefault(pair => Mentions(keyword, pair.skill), (skill: "", index: int.MaxValue)).index;

        return skills
            .Select(skill => skill with { Keywords = skill.Keywords.OrderBy(Rank).ToList() })
            .OrderByDescending(skill => skill.Keywords.Count(keyword => Rank(keyword) != int.MaxValue))
            .ThenBy(skill => skill.Keywords.Select(Rank).DefaultIfEmpty(int.MaxValue).Min())
            .ToList();
    }
}
