using Microsoft.AspNetCore.Http.Features;

namespace CareerKit.Hosting;

public static class RequestLimits
{
    /// <summary>Bodies larger than this are answered with 413 before they are read, unless a function declares more.</summary>
    public const int DefaultMaxBodyBytes = 16 * 1024;

    private const string LimitItem = "careerkit.body-limit";

    /// <summary>Sets the body limit of one request, before its body is read (a function's own, or a resume's by format).</summary>
    public static void AllowBody(HttpContext context, long bytes)
    {
        context.Items[LimitItem] = bytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = bytes;
        }
    }

    /// <summary>The limit this request's body had, to name it when it was refused.</summary>
    public static long Of(HttpContext context) => context.Items[LimitItem] as long? ?? DefaultMaxBodyBytes;
}
