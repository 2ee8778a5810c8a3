using System.Globalization;
using System.Threading.RateLimiting;
using CareerKit.Pages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CareerKit.Hosting;

/// <summary>
/// A fixed window of requests per client address (<see cref="ClientAddress"/>) per minute. Over it, a 429 with
/// Retry-After and a message naming what was limited: a page for browsers, problem details for API clients.
/// </summary>
/// <param name="perMinute">The limit, read from settings on each request; 0 turns it off (load tests).</param>
internal sealed class PerClientRateLimit(Func<CareerKitOptions, int> perMinute, string title) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext context)
    {
        var limit = perMinute(context.RequestServices.GetRequiredService<IOptions<CareerKitOptions>>().Value);
        if (limit == 0)
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var detail = $"Please wait {retryAfter} seconds and try again.";
        var answer = ClientKind.WantsHtml(http.Request)
            ? http.RequestServices.GetRequiredService<PageRenderer>().Error(StatusCodes.Status429TooManyRequests, title, detail)
            : TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: title, detail: detail);
        await answer.ExecuteAsync(http);
    }
}
