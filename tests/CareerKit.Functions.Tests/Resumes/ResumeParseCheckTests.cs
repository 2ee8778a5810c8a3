using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Resumes;

/// <summary>
/// The parse check (issue 13 §4), through the real app: the review reads back the very PDF the download would give,
/// and names each field a parser reads differently from what the reader wrote.
/// </summary>
public sealed class ResumeParseCheckTests : IAsyncLifetime
{
    private CareerKitApp _app = null!;

    public async Task InitializeAsync() => _app = await CareerKitApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement> ParseCheckAsync(string track, string body, string query = "")
    {
        var response = await _app.Client.PostAsync($"/api/resumes/{track}/review{query}", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("parseCheck");
    }

    private static Dictionary<string, string?> ReadBack(JsonElement check) =>
        check.GetProperty("fields").EnumerateArray().ToDictionary(field => field.GetProperty("path").GetString()!, field => field.GetProperty("read").GetString());

    private static Dictionary<string, string> Mismatches(JsonElement check) =>
        check.GetProperty("mismatches").EnumerateArray().ToDictionary(mismatch => mismatch.GetProperty("path").GetString()!, mismatch => mismatch.GetProperty("message").GetString()!);

    [Theory]
    [InlineData("ml-engineer", "")]
    [InlineData("ai-engineer", "?paper=letter")]
    public async Task A_real_resume_reads_back_field_for_field_from_the_pdf_it_downloads(string track, string query)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Resumes", "real-resumes", "jsonresume-sample.json"));

        var check = await ParseCheckAsync(track, json, query);

        var read = ReadBack(check);
        Assert.Equal("Richard Hendriks", read["basics.name"]);
        Assert.Equal("richard.hendriks@mail.com", read["basics.email"]);
        Assert.Equal("Pied Piper", read["work[0].name"]);
        Assert.Equal("CEO/President", read["work[0].position"]);
        Assert.Empty(Mismatches(check));
        Assert.Contains("Richard Hendriks", check.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_field_the_pdf_cannot_carry_is_named_with_what_a_parser_reads_instead()
    {
        // No font here has Tangut: its characters are drawn as placeholders, so a parser cannot read them back.
        const string resume = """
            {
              "basics": { "name": "𗀀𗀁 Lee", "email": "lee@example.com", "phone": "+1 555 010 2000" },
              "work": [ { "name": "𗀂 Analytics", "position": "Data Scientist", "startDate": "2021-03", "highlights": ["Cut churn 12%"] } ]
            }
            """;

        var check = await ParseCheckAsync("ml-engineer", resume);

        var mismatches = Mismatches(check);
        Assert.StartsWith("name: you wrote “𗀀𗀁 Lee”; a parser", mismatches["basics.name"]);
        Assert.StartsWith("organisation: you wrote “𗀂 Analytics”; a parser", mismatches["work[0].name"]);
        Assert.DoesNotContain("basics.email", mismatches.Keys);
        Assert.DoesNotContain("work[0].position", mismatches.Keys);
        Assert.Equal("lee@example.com", ReadBack(check)["basics.email"]);
    }

    /// <remarks>
    /// In Hindi, "प्रि" is drawn as a conjunct glyph with the vowel sign before it: the glyphs alone read back as other
    /// letters, so the words come back through the PDF's ActualText.
    /// </remarks>
    [Theory]
    [InlineData("李小龍", "北京 Analytics")]
    [InlineData("प्रिया शर्मा", "बेंगलुरु AI Labs")]
    public async Task A_name_and_company_drawn_in_a_fallback_font_read_back_as_written(string name, string company)
    {
        var resume = new JsonObject
        {
            ["basics"] = new JsonObject { ["name"] = name, ["email"] = "reader@example.com" },
            ["work"] = new JsonArray(new JsonObject { ["name"] = company, ["position"] = "ML Engineer", ["startDate"] = "2021-03" }),
        }.ToJsonString();

        var check = await ParseCheckAsync("ml-engineer", resume);

        Assert.Empty(Mismatches(check));
        Assert.Equal(name, ReadBack(check)["basics.name"]);
        Assert.Equal(company, ReadBack(check)["work[0].name"]);
    }

    [Fact]
    public async Task An_unknown_paper_size_is_a_400_that_names_the_sizes()
    {
        var response = await _app.Client.PostAsync("/api/resumes/ml-engineer/review?paper=a3", new StringContent("""{ "basics": { "name": "Ada" } }""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("a4 or letter", await response.Content.ReadAsStringAsync());
    }
}
