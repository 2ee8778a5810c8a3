using Microsoft.AspNetCore.Http.Features;

namespace CareerKit.Hosting;

public static class RequestLimits
{
    /// <summary>Bodies larger than this are answered with 413 before they are read.</summary>
    public const int DefaultMaxBodyBytes = 16 * 1024;

    /// <summary>
    /// Applies an endpoint's own body limit (<see cref="Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute"/> as metadata)
    /// before its body is read for binding.
    /// </summary>
    public static Task ApplyEndpointLimit(HttpContext context, Func<Task> next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>() is { MaxRequestBodySize: { } bytes })
        {
            AllowBody(context, bytes);
        }

        return next();
    }

    /// <summary>Raises the body limit for one request whose endpoint takes more (a resume), before it is read.</summary>
    public static void AllowBody(HttpContext context, long bytes)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = bytes;
        }
    }
}
