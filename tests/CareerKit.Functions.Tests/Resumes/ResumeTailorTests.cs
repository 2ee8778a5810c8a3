using CareerKit.Resumes;

namespace CareerKit.Tests.Resumes;

/// <summary>Tailoring puts the track's key skills first, matched as the review matches them: through the alias table, as whole words.</summary>
public sealed class ResumeTailorTests
{
    private static readonly ResumeTemplates Templates = ResumeTemplates.Default();

    private static IReadOnlyList<string> Keywords(ResumeTemplate template, params string[] keywords) =>
        ResumeTailor.Tailor(new ResumeDocument { Skills = [new Skill("Skills", null, keywords)] }, template, Templates.SkillAliases).Skills[0].Keywords;

    [Fact]
    public void Go_does_not_lead_for_good_nor_R_for_every_word_with_an_r()
    {
        var template = Templates.ForSlug("ml-engineer")! with { KeySkills = ["R", "Go"] };

        var ordered = Keywords(template, "Docker", "good judgement", "Golang", "R");

        Assert.Equal(["R", "Golang", "Docker", "good judgement"], ordered);
    }

    [Fact]
    public void A_key_skill_written_by_an_alias_leads_in_the_track_s_order()
    {
        var template = Templates.ForSlug("ml-engineer")!; // Python, SQL, …, PyTorch, …, Docker, …

        var ordered = Keywords(template, "Excel", "k8s", "containers with docker", "torch", "PostgreSQL");

        Assert.Equal(["PostgreSQL", "torch", "containers with docker", "Excel", "k8s"], ordered);
    }

    [Fact]
    public void The_group_with_more_key_skills_comes_first()
    {
        var template = Templates.ForSlug("ai-engineer")!;
        var resume = new ResumeDocument { Skills = [new Skill("Soft skills", null, ["Good communication", "Going the extra mile"]), new Skill("Tools", null, ["Java", "Docker"])] };

        var tailored = ResumeTailor.Tailor(resume, template, Templates.SkillAliases);

        Assert.Equal(["Tools", "Soft skills"], tailored.Skills.Select(skill => skill.Name));
    }
}
