namespace CareerKit.Resumes;

/// <summary>
/// Tailors a reader's resume to a track: it keeps only what the reader sent (sections left out stay out; the
/// review lists them with the template's advice), ordering skill groups and keywords so the track's key skills lead.
/// </summary>
public static class ResumeTailor
{
    public static ResumeDocument Tailor(ResumeDocument reader, ResumeTemplate template, SkillAliases aliases) =>
        reader with { Skills = KeySkillsFirst(reader.Skills, template.KeySkills, aliases) };

    /// <summary>Why a resume cannot be tailored, if it cannot: a resume is headed by its owner's name.</summary>
    public static ResumeProblem? Refusal(ResumeDocument reader) => reader.Basics?.Name is null
        ? new ResumeProblem("basics.name", "your name is missing; a resume is headed by it, so add it (\"basics\": { \"name\": \"…\" }, or the Name field)")
        : null;

    /// <summary>
    /// Keywords naming a key skill first, in the track's order; then the groups with more key skills. Skills are matched
    /// as the review matches them, through the alias table and as whole words: "Go" does not lead for "good".
    /// </summary>
    private static IReadOnlyList<Skill> KeySkillsFirst(IReadOnlyList<Skill> skills, IReadOnlyList<string> keySkills, SkillAliases aliases)
    {
        var rankOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = keySkills.Count - 1; index >= 0; index--)
        {
            foreach (var skill in aliases.MetBy(keySkills[index]))
            {
                rankOf[skill] = index; // Walking backwards, a skill two key skills share ranks by the first.
            }
        }

        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        int Rank(string keyword) => ranks.TryGetValue(keyword, out var rank) ? rank
            : ranks[keyword] = aliases.Find(keyword).Select(mention => rankOf.GetValueOrDefault(mention.Skill, int.MaxValue)).DefaultIfEmpty(int.MaxValue).Min();

        return skills
            .Select(skill => skill with { Keywords = skill.Keywords.OrderBy(Rank).ToList() })
            .OrderByDescending(skill => skill.Keywords.Count(keyword => Rank(keyword) != int.MaxValue))
            .ThenBy(skill => skill.Keywords.Select(Rank).DefaultIfEmpty(int.MaxValue).Min())
            .ToList();
    }
}
