using System.Text.Json;
using CareerKit.Resumes;

namespace CareerKit.Tests.Resumes;

/// <summary>Resumes written to the JSON Resume schema before 1.0.0 read as if written to 1.0.0.</summary>
public sealed class LegacyResumeNamesTests
{
    private static ResumeDocument Read(string json)
    {
        var (resume, problems) = ResumeReader.Read(JsonDocument.Parse(json).RootElement);
        Assert.Empty(problems);
        return resume!;
    }

    [Fact]
    public void Every_renamed_field_of_the_schema_s_history_is_read_under_its_1_0_0_name()
    {
        var resume = Read("""
            {
              "bio": {
                "firstName": "Ada", "lastName": "Byron", "website": "https://ada.example", "picture": "https://ada.example/me.png",
                "location": { "city": "London", "state": "Greater London" }
              },
              "work": [ { "company": "Analytical Engines", "website": "https://engines.example" } ],
              "volunteer": [ { "organization": "Math Club", "website": "https://club.example" } ],
              "education": [ { "institution": "Home", "gpa": "4.0" } ],
              "awards": [ { "title": "Medal", "awardDate": "2019-09" } ],
              "publications": [ { "name": "Notes", "website": "https://notes.example" } ],
              "projects": [ { "name": "Bernoulli", "website": "https://b.example", "summary": "The first program." } ],
              "languages": [ { "name": "French", "level": "Fluent" } ],
              "hobbies": [ { "name": "Poetry" } ]
            }
            """);

        Assert.Equal("Ada Byron", resume.Basics!.Name);
        Assert.Equal("https://ada.example", resume.Basics.Url);
        Assert.Equal("https://ada.example/me.png", resume.Basics.Image);
        Assert.Equal("Greater London", resume.Basics.Location!.Region);
        Assert.Equal(("Analytical Engines", "https://engines.example"), (resume.Work[0].Name, resume.Work[0].Url));
        Assert.Equal(("Math Club", "https://club.example"), (resume.Volunteer[0].Organization, resume.Volunteer[0].Url));
        Assert.Equal("4.0", resume.Education[0].Score);
        Assert.Equal(new ResumeDate(2019, 9, null), resume.Awards[0].Date);
        Assert.Equal("https://notes.example", resume.Publications[0].Url);
        Assert.Equal(("https://b.example", "The first program."), (resume.Projects[0].Url, resume.Projects[0].Description));
        Assert.Equal(("French", "Fluent"), (resume.Languages[0].Name, resume.Languages[0].Fluency));
        Assert.Equal("Poetry", resume.Interests[0].Name);
        Assert.Equal(
        [
            "awards[].awardDate → awards[].date", "basics.firstName, basics.lastName → basics.name", "basics.location.state → basics.location.region",
            "basics.picture → basics.image", "basics.website → basics.url", "bio → basics", "education[].gpa → education[].score", "hobbies → interests",
            "languages[].level → languages[].fluency", "languages[].name → languages[].language", "projects[].summary → projects[].description",
            "projects[].website → projects[].url", "publications[].website → publications[].url", "volunteer[].website → volunteer[].url",
            "work[].company → work[].name", "work[].website → work[].url",
        ], resume.LegacyNames.Select(name => $"{name.From} → {name.To}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_1_0_0_name_wins_over_the_pre_1_0_name_beside_it()
    {
        var resume = Read("""{ "basics": { "name": "Kim", "url": "https://new.example", "website": "https://old.example" }, "work": [ { "name": "Now Inc", "company": "Then Inc" } ] }""");

        Assert.Equal("https://new.example", resume.Basics!.Url);
        Assert.Equal("Now Inc", resume.Work[0].Name);
        Assert.Empty(resume.LegacyNames);
    }

    [Fact]
    public void Empty_pre_1_0_fields_are_read_but_not_reported()
    {
        var resume = Read("""{ "basics": { "name": "Kim", "website": "" }, "education": [ { "institution": "MIT", "gpa": "" } ], "work": [ { "company": "Acme" } ] }""");

        Assert.Null(resume.Basics!.Url);
        Assert.Equal(["work[].company → work[].name"], resume.LegacyNames.Select(name => $"{name.From} → {name.To}"));
    }

    [Fact]
    public void Names_outside_their_section_and_properties_named_twice_are_left_alone()
    {
        // "website" means nothing in skills, and JSON Resume never had "company" at the top; a property named twice is the reader's to judge.
        var resume = Read("""{ "basics": { "name": "Kim", "name": "Kim Lee" }, "company": "Acme", "skills": [ { "name": "Go", "website": "https://go.dev" } ], "work": [ { "company": "A", "company": "B" } ] }""");

        Assert.Equal("Go", resume.Skills[0].Name);
        Assert.NotNull(resume.Work[0].Name);
        Assert.Equal(["work[].company → work[].name"], resume.LegacyNames.Select(name => $"{name.From} → {name.To}"));
    }

    [Fact]
    public void Problems_in_a_pre_1_0_resume_are_still_reported()
    {
        var (_, problems) = ResumeReader.Read(JsonDocument.Parse("""{ "work": [ { "company": 42, "startDate": "2020-13" } ] }""").RootElement);

        Assert.Equal(["work[0].name: must be text, not a number", "work[0].startDate: \"2020-13\" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (also read: MM/YYYY, \"Aug 2019\", and \"Present\" for an end date)"], problems.Select(problem => problem.ToString()));
    }
}
