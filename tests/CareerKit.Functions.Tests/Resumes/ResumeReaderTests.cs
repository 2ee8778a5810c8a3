using System.Text.Json;
using CareerKit.Resumes;

namespace CareerKit.Tests.Resumes;

public sealed class ResumeReaderTests
{
    public static JsonElement FullResume() => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Resumes", "full-resume.json"))).RootElement;

    private static IReadOnlyList<string> Problems(string json) =>
        ResumeReader.Read(JsonDocument.Parse(json).RootElement).Problems.Select(problem => problem.ToString()).ToList();

    [Fact]
    public void A_complete_json_resume_is_read_with_every_field()
    {
        var (resume, problems) = ResumeReader.Read(FullResume());

        Assert.Empty(problems);
        Assert.Equal("Zoë Ångström", resume!.Basics!.Name);
        Assert.Equal("Stockholm", resume.Basics.Location!.City);
        Assert.Equal("zoe-a", resume.Basics.Profiles.Single().Username);
        Assert.Equal(new ResumeDate(2021, 2, 28), resume.Work[1].EndDate);
        Assert.Equal(["Ran 30 sessions"], resume.Volunteer.Single().Highlights);
        Assert.Equal(["Statistics", "Linear algebra"], resume.Education.Single().Courses);
        Assert.Equal("NordicML", resume.Awards.Single().Awarder);
        Assert.Equal("Microsoft", resume.Certificates.Single().Issuer);
        Assert.Equal(new ResumeDate(2020, 6, null), resume.Publications.Single().ReleaseDate);
        Assert.Equal("Expert", resume.Skills[1].Level);
        Assert.Equal("Native", resume.Languages[0].Fluency);
        Assert.Equal(["Trail", "Marathon"], resume.Interests.Single().Keywords);
        Assert.Equal("Ada Lovelace", resume.References.Single().Name);
        Assert.Equal("https://github.com/zoe-a/fraud-bench", resume.Projects.Single().Url);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_path()
    {
        var problems = Problems("""
            {
              "basics": { "name": 42, "email": "not-an-address", "profiles": "github" },
              "work": [ {}, {}, { "startDate": "2020-13" }, "oops" ],
              "education": [ { "endDate": "2019-02-45", "courses": ["ok", 7] } ],
              "skills": { "name": "Python" }
            }
            """);

        Assert.Equal(
        [
            "basics.name: must be text, not a number",
            "basics.email: \"not-an-address\" is not an email address",
            "basics.profiles: must be a list, not text",
            "work[2].startDate: \"2020-13\" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (also read: MM/YYYY, \"Aug 2019\", and \"Present\" for an end date)",
            "work[3]: must be an object, not text",
            "education[0].endDate: \"2019-02-45\" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (also read: MM/YYYY, \"Aug 2019\", and \"Present\" for an end date)",
            "education[0].courses[1]: must be text, not a number",
            "skills: must be a list, not an object",
        ], problems);
    }

    [Theory]
    [InlineData("2021", 2021, null, null)]
    [InlineData("2021-03", 2021, 3, null)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    public void Dates_keep_the_precision_they_were_given(string text, int year, int? month, int? day)
    {
        Assert.True(ResumeDate.TryParse(text, out var date));
        Assert.Equal(new ResumeDate(year, month, day), date);
    }

    [Theory]
    [InlineData("21")]
    [InlineData("2021-3")]
    [InlineData("2023-02-29")]
    [InlineData("March 2021")]
    [InlineData("2021-03-01T00:00:00")]
    public void Impossible_or_malformed_dates_are_refused(string text) => Assert.False(ResumeDate.TryParse(text, out _));

    [Fact]
    public void A_resume_that_is_not_an_object_is_refused_plainly()
    {
        Assert.Equal(["$: a resume must be a JSON object, as in the JSON Resume schema"], Problems("[]"));
    }

    [Fact]
    public void Control_characters_and_oversize_sections_are_reported()
    {
        var work = string.Join(",", Enumerable.Repeat("{}", 101));
        var problems = Problems($$"""{ "basics": { "summary": "a\u0007b" }, "work": [{{work}}] }""");

        Assert.Contains("basics.summary: contains control characters; remove them", problems);
        Assert.Contains("work: has 101 entries; a resume section can have at most 100", problems);
    }
}
