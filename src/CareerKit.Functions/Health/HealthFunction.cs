using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CareerKit.Health;

/// <summary>GET /api/health: is the app alive, does storage answer, and will the email provider take our emails?</summary>
public sealed class HealthFunction(HealthCheckService health)
{
    [Function("Health")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/health")] HttpRequest req, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        if (report.Status != HealthStatus.Healthy)
        {
            // Probes and load balancers back off for as long as a person is asked to.
            req.HttpContext.Response.Headers.RetryAfter = Hosting.UnexpectedErrorHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return HealthChecks.Answer(report);
    }
}
