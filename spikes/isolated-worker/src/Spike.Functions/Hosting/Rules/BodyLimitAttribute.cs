using Microsoft.AspNetCore.Http.Features;

namespace Spike.Hosting;

/// <summary>The most this function reads from a body. A declared length over it is answered 413 at once; a body without a length is cut off while read.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class BodyLimitAttribute(long bytes) : Attribute, IHttpFunctionRule
{
    public long Bytes { get; } = bytes;

    public int Order => 300;

    public ValueTask<IResult?> CheckAsync(HttpContext context, FunctionDeclaration function)
    {
        if (context.Request.ContentLength > Bytes)
        {
            return ValueTask.FromResult<IResult?>(TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "The request body is too large.", detail: $"This address takes at most {Bytes / 1024} KB."));
        }

        // Kestrel enforces it while the body is read (chunked bodies), in both modes: under the worker the request
        // reaches the worker's own Kestrel, proxied by the host.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = Bytes;
        }

        return ValueTask.FromResult<IResult?>(null);
    }
}
