using System.Net;
using System.Text;
using System.Text.Json;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Resumes;

/// <summary>The review with evidence (issue 13 §3), through the real app: key skills shown, listed only or missing; job-ad terms; bullets without numbers.</summary>
public sealed class ResumeReviewTests : IAsyncLifetime
{
    private CareerKitApp _app = null!;

    public async Task InitializeAsync() => _app = await CareerKitApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement> ReviewAsync(string track, string body)
    {
        var response = await _app.Client.PostAsync($"/api/resumes/{track}/review", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static JsonElement KeySkill(JsonElement review, string skill) =>
        review.GetProperty("keySkills").EnumerateArray().Single(report => report.GetProperty("skill").GetString() == skill);

    private static string Status(JsonElement review, string skill) => KeySkill(review, skill).GetProperty("status").GetString()!;

    private static List<(string?, int)> Terms(JsonElement review, string list) =>
        review.GetProperty(list).EnumerateArray().Select(term => (term.GetProperty("term").GetString(), term.GetProperty("count").GetInt32())).ToList();

    private static string Highlight(string highlight) => JsonSerializer.Serialize(new { work = new[] { new { name = "Acme", position = "Engineer", highlights = new[] { highlight } } } });

    [Fact]
    public async Task Each_key_skill_is_shown_with_the_phrase_that_shows_it_listed_only_or_missing_with_the_template_s_advice()
    {
        const string resume = """
            {
              "skills": [ { "name": "Tools", "keywords": ["Python", "SQL", "PyTorch"] } ],
              "work": [ { "name": "Fraudlytics", "position": "ML Engineer", "highlights": [
                "Scored 2M card payments a day. Cut fraud losses 12% with a PyTorch model served from containers",
                "Built the feature engineering pipeline"
              ] } ],
              "projects": [ { "name": "Churn forecaster", "highlights": ["Deployed on Google Cloud with drift detection"] } ]
            }
            """;

        var review = await ReviewAsync("ml-engineer", resume);

        var pytorch = KeySkill(review, "PyTorch");
        Assert.Equal("shown", pytorch.GetProperty("status").GetString());
        var evidence = Assert.Single(pytorch.GetProperty("evidence").EnumerateArray());
        Assert.Equal("work[0].highlights[0]", evidence.GetProperty("path").GetString());
        Assert.Equal("Experience: ML Engineer at Fraudlytics", evidence.GetProperty("where").GetString());
        Assert.Equal("Cut fraud losses 12% with a PyTorch model served from containers", evidence.GetProperty("quote").GetString());
        var cloud = Assert.Single(KeySkill(review, "AWS, Azure or GCP").GetProperty("evidence").EnumerateArray());
        Assert.Equal(("Project: Churn forecaster", "Deployed on Google Cloud with drift detection"), (cloud.GetProperty("where").GetString(), cloud.GetProperty("quote").GetString()));
        Assert.Equal("shown", Status(review, "Docker"));
        Assert.Equal("shown", Status(review, "Model monitoring"));
        Assert.Equal("shown", Status(review, "Feature engineering"));

        var python = KeySkill(review, "Python");
        Assert.Equal("listedOnly", python.GetProperty("status").GetString());
        Assert.Empty(python.GetProperty("evidence").EnumerateArray());
        Assert.Contains("Only in your skills list", python.GetProperty("hint").GetString());
        Assert.Equal("Experience", python.GetProperty("adviceSection").GetString());
        Assert.StartsWith("For each role: the company, your title and the dates", python.GetProperty("advice").GetString());
        Assert.Equal("listedOnly", Status(review, "SQL"));

        var statistics = KeySkill(review, "Statistics");
        Assert.Equal("missing", statistics.GetProperty("status").GetString());
        Assert.Equal("Machine learning projects", statistics.GetProperty("adviceSection").GetString());
        Assert.StartsWith("A project that goes past the notebook", statistics.GetProperty("advice").GetString());

        // The fields from before issue 13 still answer: shown there means named anywhere, the skills list included.
        Assert.Contains("Python", review.GetProperty("keySkillsShown").EnumerateArray().Select(skill => skill.GetString()));
        Assert.Contains("Statistics", review.GetProperty("keySkillsMissing").EnumerateArray().Select(skill => skill.GetString()));
    }

    [Theory]
    [InlineData("ml-engineer", "Trained ranking models with torch", "PyTorch")]
    [InlineData("ml-engineer", "Ported the model from tf.keras", "TensorFlow")]
    [InlineData("ml-engineer", "Set up ML Ops for 4 teams", "MLOps")]
    [InlineData("ml-engineer", "Added continuous integration to 30 repos", "CI/CD")]
    [InlineData("ml-engineer", "Ran on AWS SageMaker", "AWS, Azure or GCP")]
    [InlineData("ai-engineer", "Shipped retrieval-augmented generation over 10k documents", "RAG")]
    [InlineData("ai-engineer", "Fine tuned a 7B model on support tickets", "Fine-tuning")]
    [InlineData("ai-engineer", "Finetuning cut errors 30%", "Fine-tuning")]
    [InlineData("ai-engineer", "Wrote an MCP server for our CRM", "Model Context Protocol")]
    [InlineData("ai-engineer", "Stored 1M embeddings in a vector DB", "Vector databases")]
    [InlineData("ai-engineer", "Called the OpenAI API from 3 services", "LLM APIs")]
    [InlineData("ai-engineer", "Rewrote the gateway in Golang", "Go or Java")]
    [InlineData("ai-engineer", "Rewrote the gateway in Go", "Go or Java")]
    public async Task A_key_skill_written_another_way_is_shown(string track, string highlight, string skill)
    {
        var review = await ReviewAsync(track, Highlight(highlight));

        Assert.Equal("shown", Status(review, skill));
    }

    [Theory]
    [InlineData("ai-engineer", "A good team: we go to great lengths on the JavaScript front end", "Go or Java")]
    [InlineData("ai-engineer", "Cleaned the Go-live checklist", "Go or Java")]
    [InlineData("ml-engineer", "Statistical significance is not our problem", "Statistics")]
    [InlineData("ml-engineer", "Dockerless deploys", "Docker")]
    public async Task A_key_skill_inside_another_word_is_not_shown(string track, string highlight, string skill)
    {
        var review = await ReviewAsync(track, Highlight(highlight));

        Assert.Equal("missing", Status(review, skill));
    }

    [Fact]
    public async Task R_Go_CPlusPlus_and_CSharp_in_a_job_ad_match_whole_and_literally()
    {
        var body = JsonSerializer.Serialize(new
        {
            work = new[] { new { name = "Acme", highlights = new[] { "Rewrote the ranking hot loop in C++; every R&D request served from our router" } } },
            jobDescription = "Strong R and C++ required. You use R for reporting and C++ for speed. C# is a plus; our C# services are rare. Good Go is great, go for it.",
        });

        var review = await ReviewAsync("ml-engineer", body);

        Assert.Equal([("C++", 2)], Terms(review, "jobTermsMet"));
        var missing = Terms(review, "jobTermsMissing");
        Assert.Contains(("R", 2), missing);
        Assert.Contains(("C#", 2), missing);
        Assert.Contains(("Go", 1), missing);
        Assert.DoesNotContain(missing, term => term.Item1 is "C" or "go" or "Good");
    }

    [Fact]
    public async Task A_job_ad_s_skill_terms_are_matched_through_aliases_and_listed_as_met_or_missing()
    {
        var body = JsonSerializer.Serialize(new
        {
            work = new[] { new { name = "Acme", highlights = new[] { "Shipped a RAG assistant on large language models to 40k users" } } },
            jobDescription = "Experience with large language models and LLMs. Retrieval-augmented generation (RAG) in production. Kubernetes (k8s). Node.js backend; Node.js and FastAPI. You will grow with the team.",
        });

        var review = await ReviewAsync("ai-engineer", body);

        Assert.Equal([("LLM", 2), ("RAG", 2)], Terms(review, "jobTermsMet"));
        Assert.Equal([("Kubernetes", 2), ("Node.js", 2), ("FastAPI", 1)], Terms(review, "jobTermsMissing"));
    }

    [Fact]
    public async Task Work_highlights_without_a_number_are_listed()
    {
        var body = """
            { "work": [ { "name": "Acme", "position": "Data Scientist", "highlights": [
              "Cut model latency by 40%", "Led the migration to the new feature store", "Halved the cloud bill" ] } ] }
            """;

        var review = await ReviewAsync("ml-engineer", body);

        var bullet = Assert.Single(review.GetProperty("bulletsWithoutNumbers").EnumerateArray());
        Assert.Equal("work[0].highlights[1]", bullet.GetProperty("path").GetString());
        Assert.Equal("Experience: Data Scientist at Acme", bullet.GetProperty("where").GetString());
        Assert.Equal("Led the migration to the new feature store", bullet.GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_page_shows_each_key_skill_s_evidence_the_advice_and_the_bullets_without_numbers()
    {
        var json = """
            { "basics": { "name": "Lin Chen" }, "skills": [ { "name": "Tools", "keywords": ["Python", "TypeScript"] } ],
              "work": [ { "name": "Acme", "position": "Engineer", "highlights": ["Built a RAG assistant over 5k manuals", "Owned prompt design"] } ] }
            """;
        var form = new MultipartFormDataContent
        {
            { new StringContent("ai-engineer"), "track" }, { new StringContent(json), "json" }, { new StringContent("review"), "action" },
            { new StringContent("Docker and Python. Docker daily."), "jobDescription" },
        };

        var response = await _app.Client.PostAsync("/resumes", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<th scope=\"row\">RAG</th><td>Shown</td><td>Experience: Engineer at Acme: “Built a RAG assistant over 5k manuals”</td>", page);
        Assert.Contains("<th scope=\"row\">Prompt engineering</th><td>Shown</td><td>Experience: Engineer at Acme: “Owned prompt design”</td>", page);
        Assert.Contains("<th scope=\"row\">Python</th><td>Listed only</td><td>Only in your skills list", page);
        Assert.Contains("<th scope=\"row\">Docker</th><td>Missing</td><td>Not on your resume.", page);
        Assert.Contains("<dt>AI products and projects</dt><dd>An AI feature people can use", page);
        Assert.Contains("The job description's skill terms your resume names: Python (1×).", page);
        Assert.Contains("The job description keeps asking for: Docker (2×).", page);
        Assert.Contains("<li><code>work[0].highlights[1]</code> (Experience: Engineer at Acme): “Owned prompt design”</li>", page);
    }
}
