using System.Globalization;
using System.Threading.RateLimiting;
using CareerKit.Hosting;
using CareerKit.Pages;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CareerKit.Subscriptions;

internal static class SubscriptionsRegistration
{
    public static IServiceCollection AddSubscriptions(this IServiceCollection services)
    {
        services.AddSingleton<AddressHasher>();
        services.AddSingleton<SubscriptionTokens>();
        services.AddSingleton<SubscriberStore>();
        services.AddSingleton<SubscriptionEmails>();
        services.AddSingleton<SubscriptionPages>();
        services.AddSingleton<SignupHandler>();
        services.AddSingleton<SelfService>();

        // Forms here are a handful of short fields.
        services.Configure<FormOptions>(form =>
        {
            form.ValueCountLimit = 32;
            form.KeyLengthLimit = 256;
            form.MultipartBodyLengthLimit = 16 * 1024;
        });

        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(SubscriptionsApi.SignupRateLimitPolicy, SignupPartition);
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>A fixed window of sign-ups per client address per minute; 0 in settings turns it off.</summary>
    private static RateLimitPartition<string> SignupPartition(HttpContext context)
    {
        var perMinute = context.RequestServices.GetRequiredService<IOptions<CareerKitOptions>>().Value.SignupsPerClientPerMinute;
        if (perMinute == 0)
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        // One answer for every rate limit (sign-ups, editor sign-in): only its title says which.
        var title = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == SubscriptionsApi.SignupRateLimitPolicy
            ? "Too many sign-up attempts."
            : "Too many attempts.";
        var detail = $"Please wait {retryAfter} seconds and try again.";
        var answer = ClientKind.WantsHtml(http.Request)
            ? http.RequestServices.GetRequiredService<PageRenderer>().Error(StatusCodes.Status429TooManyRequests, title, detail)
            : TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: title, detail: detail);
        await answer.ExecuteAsync(http);
    }
}
