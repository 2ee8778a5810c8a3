using CareerKit.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CareerKit.Health;

/// <summary>The checks behind GET /api/health (<see cref="HealthFunction"/>) and the answer they make.</summary>
public static class HealthChecks
{
    internal static IServiceCollection AddCareerKitHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", timeout: TimeSpan.FromSeconds(5))
            .AddCheck<EmailHealthCheck>("email", timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    public static IResult Answer(HealthReport report) => TypedResults.Json(new
    {
        status = report.Status.ToString().ToLowerInvariant(),
        checks = report.Entries.ToDictionary(
            entry => entry.Key,
            entry => new { status = entry.Value.Status.ToString().ToLowerInvariant(), description = entry.Value.Description }),
    }, statusCode: report.Status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
}

internal sealed class StorageHealthCheck(TableStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var _ in storage.Service.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken))
            {
                break;
            }

            return HealthCheckResult.Healthy("Table storage answers.");
        }
        catch (Exception failure) when (Hosting.StorageFailure.IsOutage(failure) || failure is OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Table storage does not answer.");
        }
    }
}

/// <summary>
/// SendGrid: does it accept our API key (GET /v3/scopes, no email sent)? The answer is kept a minute, so frequent
/// probes do not become SendGrid traffic. Without a key, emails go to the outbox folder, which must be writable.
/// </summary>
internal sealed class EmailHealthCheck(IOptions<Email.SendGridOptions> sendGrid, IOptions<Hosting.CareerKitOptions> careerKit, IHttpClientFactory clients) : IHealthCheck
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(1);
    private (HealthCheckResult Result, long At)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!sendGrid.Value.UsesSendGrid)
        {
            try
            {
                Directory.CreateDirectory(Path.GetFullPath(careerKit.Value.OutboxPath));
                return HealthCheckResult.Healthy("No SendGrid key: emails are written to the local outbox.");
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                return HealthCheckResult.Unhealthy("The outbox folder cannot be written.");
            }
        }

        if (_last is { } last && Environment.TickCount64 - last.At < KeepFor.TotalMilliseconds)
        {
            return last.Result;
        }

        var result = await AskSendGridAsync(cancellationToken);
        _last = (result, Environment.TickCount64);
        return result;
    }

    private async Task<HealthCheckResult> AskSendGridAsync(CancellationToken cancellationToken)
    {
        var host = string.IsNullOrWhiteSpace(sendGrid.Value.Host) ? "https://api.sendgrid.com" : sendGrid.Value.Host.TrimEnd('/');
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{host}/v3/scopes");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", sendGrid.Value.ApiKey);
        try
        {
            using var client = clients.CreateClient();
            client.Timeout = TimeSpan.FromSeconds(4);
            using var response = await client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy("SendGrid accepts the API key.")
                : HealthCheckResult.Unhealthy($"SendGrid refuses the API key ({(int)response.StatusCode}).");
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy("SendGrid does not answer.");
        }
    }
}
