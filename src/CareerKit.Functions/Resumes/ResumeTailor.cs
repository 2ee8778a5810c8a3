namespace CareerKit.Resumes;

/// <summary>
/// Merges a reader's resume into the track template: the reader's values win, sections the reader left empty
/// keep the template's guidance, and skills are ordered so the track's key skills lead.
/// </summary>
public static class ResumeTailor
{
    public static ResumeDocument Tailor(ResumeDocument reader, ResumeTemplate template)
    {
        var guide = template.Document;
        var merged = new ResumeDocument
        {
            Basics = Merge(reader.Basics, guide.Basics),
            Work = Pick(reader.Work, guide.Work),
            Volunteer = reader.Volunteer,
            Education = Pick(reader.Education, guide.Education),
            Awards = reader.Awards,
            Certificates = Pick(reader.Certificates, guide.Certificates),
            Publications = reader.Publications,
            Skills = Pick(reader.Skills, guide.Skills),
            Languages = reader.Languages,
            Interests = reader.Interests,
            References = reader.References,
            Projects = Pick(reader.Projects, guide.Projects),
        };
        return merged with { Skills = KeySkillsFirst(merged.Skills, template.KeySkills) };
    }

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

    private static IReadOnlyList<T> Pick<T>(IReadOnlyList<T> reader, IReadOnlyList<T> guide) => reader.Count > 0 ? reader : guide;

    private static Basics? Merge(Basics? reader, Basics? guide)
    {
        if (reader is null || guide is null)
        {
            return reader ?? guide;
        }

        return new Basics(
            reader.Name ?? guide.Name,
            reader.Label ?? guide.Label,
            reader.Image,
            reader.Email ?? guide.Email,
            reader.Phone ?? guide.Phone,
            reader.Url ?? guide.Url,
            reader.Summary ?? guide.Summary,
            reader.Location ?? guide.Location,
            reader.Profiles.Count > 0 ? reader.Profiles : guide.Profiles);
    }
}
