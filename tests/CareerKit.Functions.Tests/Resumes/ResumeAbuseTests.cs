using System.Net;
using System.Text;
using System.Text.Json;
using CareerKit.Resumes;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Resumes;

/// <summary>PDFs cost CPU and memory: each client has a budget per minute, and only so many render at once.</summary>
public sealed class ResumeAbuseTests
{
    private static StringContent Resume() => new("""{ "basics": { "name": "Ada Lovelace" } }""", Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_client_over_its_pdf_budget_gets_a_429_with_retry_after_on_every_pdf_endpoint()
    {
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:PdfRendersPerClientPerMinute"] = "2" });

        var first = await app.Client.PostAsync("/api/resumes/ml-engineer", Resume());
        var second = await app.Client.GetAsync("/api/resumes/ml-engineer/preview.png");
        var third = await app.Client.PostAsync("/api/resumes/ml-engineer?store=true", Resume());
        var page = await app.Client.PostAsync("/resumes", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Ada", ["action"] = "download" }));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says when to come back");
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many PDFs", await third.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Too many PDFs", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Template_downloads_and_the_resume_page_do_not_count_against_the_pdf_budget()
    {
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:PdfRendersPerClientPerMinute"] = "1" });

        var downloads = new[] { await app.Client.GetAsync("/api/resumes/ml-engineer"), await app.Client.GetAsync("/api/resumes/ml-engineer?format=docx") };
        var pages = new[] { await app.Client.GetAsync("/resumes"), await app.Client.GetAsync("/resumes?track=ai-engineer") };
        var tailored = await app.Client.PostAsync("/api/resumes/ml-engineer", Resume());

        Assert.All(downloads.Concat(pages), response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(HttpStatusCode.OK, tailored.StatusCode); // The budget's one render, still unspent.
    }

    [Fact]
    public async Task When_every_render_slot_stays_busy_a_pdf_request_waits_briefly_then_gets_a_503_with_retry_after()
    {
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:PdfRendersAtOnce"] = "1" });
        var slots = app.Services.GetRequiredService<PdfRenderSlots>();

        HttpResponseMessage api, page;
        using (await slots.EnterAsync(CancellationToken.None)) // Another render holds the only slot.
        {
            api = await WhileWaitingAsync(app, slots, app.Client.PostAsync("/api/resumes/ml-engineer", Resume()));
            page = await WhileWaitingAsync(app, slots, app.Client.PostAsync("/resumes", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Ada", ["action"] = "review" })));
        }

        var afterwards = await app.Client.PostAsync("/api/resumes/ml-engineer", Resume());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(PdfRenderSlots.RetryAfterSeconds), api.Headers.RetryAfter?.Delta);
        var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("PDF rendering is busy.", problem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("PDF rendering is busy.", await page.Content.ReadAsStringAsync());
        Assert.NotNull(page.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    /// <summary>Once the request waits for a slot, lets the app's clock run past the wait (3 s by default).</summary>
    private static async Task<HttpResponseMessage> WhileWaitingAsync(CareerKitApp app, PdfRenderSlots slots, Task<HttpResponseMessage> request)
    {
        for (var spins = 0; slots.Waiting == 0 && !request.IsCompleted; spins++)
        {
            Assert.True(spins < 6_000, "the request never started waiting for a render slot");
            await Task.Delay(10);
        }

        app.Time.Advance(TimeSpan.FromSeconds(3));
        return await request;
    }
}
