using System.Text.Json;
using CareerKit.Resumes;

namespace CareerKit.Tests.Resumes;

/// <summary>Dates as people write them in public JSON Resumes, read as the schema's ISO form they mean.</summary>
public sealed class ResumeDateFormsTests
{
    private const string Accepted = "use YYYY, YYYY-MM or YYYY-MM-DD (also read: MM/YYYY, \"Aug 2019\", and \"Present\" for an end date)";

    private static (ResumeDocument? Resume, IReadOnlyList<ResumeProblem> Problems) Read(string json) =>
        ResumeReader.Read(JsonDocument.Parse(json).RootElement);

    [Theory]
    [InlineData("08/2019", 2019, 8, null)]
    [InlineData("8/2019", 2019, 8, null)]
    [InlineData("Aug 2019", 2019, 8, null)]
    [InlineData("August 2019", 2019, 8, null)]
    [InlineData("aug. 2019", 2019, 8, null)]
    [InlineData("Sept 2019", 2019, 9, null)]
    [InlineData("2019-8", 2019, 8, null)]
    [InlineData("2019-8-5", 2019, 8, 5)]
    [InlineData("2024-09-31", 2024, 9, null)]
    [InlineData("2023-02-29", 2023, 2, null)]
    public void A_date_written_another_way_is_read_as_its_iso_form(string written, int year, int? month, int? day)
    {
        var (resume, problems) = Read($$"""{ "work": [ { "startDate": "{{written}}" } ] }""");

        Assert.Empty(problems);
        Assert.Equal(new ResumeDate(year, month, day), resume!.Work[0].StartDate);
    }

    [Theory]
    [InlineData("Present")]
    [InlineData("present")]
    [InlineData("Current")]
    [InlineData("now")]
    public void Present_as_an_end_date_means_still_there(string written)
    {
        var (resume, problems) = Read($$"""{ "work": [ { "startDate": "2020-01", "endDate": "{{written}}" } ], "projects": [ { "endDate": "{{written}}" } ] }""");

        Assert.Empty(problems);
        Assert.Equal(new ResumeDate(2020, 1, null), resume!.Work[0].StartDate);
        Assert.Null(resume.Work[0].EndDate);
        Assert.Null(resume.Projects[0].EndDate);
    }

    [Theory]
    [InlineData("startDate", "Present")]
    [InlineData("endDate", "2020-13")]
    [InlineData("endDate", "13/2020")]
    [InlineData("endDate", "Smarch 2020")]
    [InlineData("endDate", "2020-02-32")]
    [InlineData("endDate", "1850")]
    [InlineData("endDate", "2016 ~ 2020")]
    [InlineData("endDate", "2021-03-01T00:00:00")]
    public void A_date_that_cannot_be_read_is_refused_with_the_accepted_forms(string field, string written)
    {
        var (resume, problems) = Read($$"""{ "work": [ { "{{field}}": "{{written}}" } ] }""");

        Assert.Null(resume);
        Assert.Equal([$"work[0].{field}: \"{written}\" is not a date; {Accepted}"], problems.Select(problem => problem.ToString()));
    }

    [Fact]
    public void Each_date_read_from_another_form_is_listed_with_its_path_what_was_written_and_how_it_was_read()
    {
        var (resume, _) = Read("""
            {
              "work": [ { "startDate": "08/2019", "endDate": "Present" } ],
              "education": [ { "startDate": "2020", "endDate": "2024-09-31" } ],
              "awards": [ { "date": "Aug 2019" } ],
              "projects": [ { "startDate": "2019-8-5" } ]
            }
            """);

        Assert.Equal(
        [
            new InterpretedDate("work[0].startDate", "08/2019", "2019-08"),
            new InterpretedDate("work[0].endDate", "Present", "no end date (still there)"),
            new InterpretedDate("education[0].endDate", "2024-09-31", "2024-09 (September 2024 has no day 31; the day is left out)"),
            new InterpretedDate("awards[0].date", "Aug 2019", "2019-08"),
            new InterpretedDate("projects[0].startDate", "2019-8-5", "2019-08-05"),
        ], resume!.InterpretedDates);
    }

    [Fact]
    public void Trailing_commas_and_comments_are_read_in_a_resume()
    {
        using var document = JsonDocument.Parse("""
            {
              // by hand
              "basics": { "name": "Lin Chen", /* short */ },
              "skills": [ { "name": "Core", "keywords": [ "Python", ], }, ],
            }
            """, ResumeReader.JsonOptions);

        var (resume, problems) = ResumeReader.Read(document.RootElement);

        Assert.Empty(problems);
        Assert.Equal("Lin Chen", resume!.Basics!.Name);
        Assert.Equal(["Python"], resume.Skills.Single().Keywords);
    }
}
