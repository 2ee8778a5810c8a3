using System.Net;
using System.Text.Json;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace CareerKit.Tests.Hosting;

public sealed class StartupTests
{
    [Fact]
    public async Task Health_reports_that_storage_answers_and_SendGrid_accepts_the_key()
    {
        await using var app = await CareerKitApp.StartAsync();

        var response = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
        Assert.Equal("SendGrid accepts the API key.", health.GetProperty("checks").GetProperty("email").GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("wrong-key", HttpStatusCode.ServiceUnavailable, "SendGrid refuses the API key (401).")]
    [InlineData("", HttpStatusCode.OK, "No SendGrid key: emails are written to the local outbox.")]
    public async Task Health_reports_whether_email_can_go_out(string apiKey, HttpStatusCode expected, string description)
    {
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["SendGrid:ApiKey"] = apiKey });

        var response = await app.Client.GetAsync("/api/health");
        var health = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(description, health.GetProperty("checks").GetProperty("email").GetProperty("description").GetString());
        Assert.DoesNotContain("wrong-key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CareerKit:SigningKey", null, "CareerKit:SigningKey is required")]
    [InlineData("CareerKit:SigningKey", "short", "at least 32 characters")]
    [InlineData("CareerKit:PublicBaseUrl", "not a url", "absolute http or https address")]
    [InlineData("AzureWebJobsStorage", null, "AzureWebJobsStorage is not set")]
    [InlineData("SendGrid:FromEmail", "nobody", "SendGrid:FromEmail must be an email address")]
    [InlineData("CareerKit:UnknownOutcome", "resend", "CareerKit:UnknownOutcome must be 'hold' or 'resend-unconfirmed'")]
    [InlineData("CareerKit:UnknownOutcomeWindow", "8.00:00:00", "CareerKit:UnknownOutcomeWindow must be between")]
    [InlineData("CareerKit:StorageTimeoutSeconds", "soon", "CareerKit:StorageTimeoutSeconds must be a whole number of seconds")]
    public async Task Missing_or_wrong_settings_stop_the_start_with_a_clear_message(string key, string? value, string message)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => CareerKitApp.StartAsync(new Dictionary<string, string?> { [key] = value }));

        var messages = failure is AggregateException aggregate ? string.Join(" ", aggregate.Flatten().InnerExceptions.Select(e => e.Message)) : failure.Message;
        Assert.IsType<OptionsValidationException>(failure is AggregateException a ? a.Flatten().InnerExceptions[0] : failure);
        Assert.Contains(message, messages);
    }

    [Fact]
    public async Task Every_answer_carries_security_headers_and_no_referrer()
    {
        await using var app = await CareerKitApp.StartAsync();

        var response = await app.Client.GetAsync("/");

        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }
}
