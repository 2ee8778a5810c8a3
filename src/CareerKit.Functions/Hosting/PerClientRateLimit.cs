using System.Globalization;
using System.Threading.RateLimiting;
using CareerKit.Pages;
using Microsoft.Extensions.Options;

namespace CareerKit.Hosting;

/// <summary>
/// A fixed window of requests per client address (<see cref="ClientAddress"/>) per minute. Over it, a 429 with
/// Retry-After and a message naming what was limited: a page for browsers, problem details for API clients.
/// Declared on a function with <see cref="RateLimitedAttribute"/>; registered by name with <see cref="RateLimitRegistration.AddRateLimit"/>.
/// </summary>
/// <param name="perMinute">The limit, read from settings when a client's window opens; 0 turns it off (load tests).</param>
internal sealed class PerClientRateLimit
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter;
    private readonly string _title;

    public PerClientRateLimit(Func<CareerKitOptions, int> perMinute, string title)
    {
        _title = title;
        _limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var limit = perMinute(context.RequestServices.GetRequiredService<IOptions<CareerKitOptions>>().Value);
            return limit == 0
                ? RateLimitPartition.GetNoLimiter("unlimited")
                : RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
        });
    }

    /// <returns>Null when the client may go on, else the 429 answer.</returns>
    public async ValueTask<IResult?> CheckAsync(HttpContext context)
    {
        using var lease = await _limiter.AcquireAsync(context, cancellationToken: context.RequestAborted);
        if (lease.IsAcquired)
        {
            return null;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var detail = $"Please wait {retryAfter} seconds and try again.";
        return ClientKind.WantsHtml(context.Request)
            ? context.RequestServices.GetRequiredService<PageRenderer>().Error(StatusCodes.Status429TooManyRequests, _title, detail)
            : TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: _title, detail: detail);
    }
}

/// <summary>
/// Counts this function's requests per client against the named <see cref="PerClientRateLimit"/>, in both modes.
/// </summary>
/// <param name="methods">
/// Only these methods count, when given: a function that serves a page (GET) and its costly form (POST) limits only the POST.
/// </param>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
internal sealed class RateLimitedAttribute(string policy, params string[] methods) : Attribute, IHttpFunctionRule
{
    public string Policy { get; } = policy;

    public IReadOnlyList<string> Methods { get; } = methods;

    public int Order => 100;

    public ValueTask<IResult?> CheckAsync(HttpContext context, FunctionDeclaration function) =>
        Methods.Count == 0 || Methods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase)
            ? context.RequestServices.GetRequiredKeyedService<PerClientRateLimit>(Policy).CheckAsync(context)
            : ValueTask.FromResult<IResult?>(null);
}

internal static class RateLimitRegistration
{
    public static IServiceCollection AddRateLimit(this IServiceCollection services, string policy, Func<CareerKitOptions, int> perMinute, string title) =>
        services.AddKeyedSingleton(policy, new PerClientRateLimit(perMinute, title));
}
