using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Spike.Hosting;

/// <summary>
/// Per-client limit by named policy. Not ASP.NET Core's UseRateLimiter/RequireRateLimiting: endpoint metadata does
/// not exist for a function under the worker, so the rule asks the limiter itself.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class RateLimitedAttribute(string policy) : Attribute, IHttpFunctionRule
{
    public string Policy { get; } = policy;

    public int Order => 100;

    public async ValueTask<IResult?> CheckAsync(HttpContext context, FunctionDeclaration function)
    {
        var limiter = context.RequestServices.GetRequiredService<RateLimits>().For(Policy);
        using var lease = await limiter.AcquireAsync(context, cancellationToken: context.RequestAborted);
        if (lease.IsAcquired)
        {
            return null;
        }

        context.Response.Headers.RetryAfter = "60";
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests; try again in a minute.");
    }
}

/// <summary>The named per-client limiters, configured as "RateLimits:{policy}" = requests per minute (0 turns a policy off).</summary>
public sealed class RateLimits(IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, PartitionedRateLimiter<HttpContext>> _limiters = new();

    public PartitionedRateLimiter<HttpContext> For(string policy) => _limiters.GetOrAdd(policy, name =>
    {
        var perMinute = configuration.GetValue($"RateLimits:{name}", 5);
        return PartitionedRateLimiter.Create<HttpContext, string>(context =>
            perMinute <= 0
                ? RateLimitPartition.GetNoLimiter("off")
                : RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
    });
}
