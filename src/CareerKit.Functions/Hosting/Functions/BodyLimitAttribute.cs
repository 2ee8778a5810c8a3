namespace CareerKit.Hosting;

/// <summary>
/// The most this function reads from a request body, when it takes more than <see cref="RequestLimits.DefaultMaxBodyBytes"/>.
/// Applied by <see cref="BodyLimits"/> before the function runs, in both modes.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class BodyLimitAttribute(long bytes) : Attribute
{
    public long Bytes { get; } = bytes;
}

/// <summary>
/// Every function's body limit: its declared one or the default. The server enforces it while the body is read
/// (413 on a larger Content-Length or a longer chunked body), in both modes: under the worker, the request reaches the
/// worker's own Kestrel, proxied by the host.
/// </summary>
internal sealed class BodyLimits : IHttpFunctionRule
{
    public int Order => 300;

    public ValueTask<IResult?> CheckAsync(HttpContext context, FunctionDeclaration function)
    {
        var declared = function.Method.GetCustomAttributes(typeof(BodyLimitAttribute), inherit: false).Cast<BodyLimitAttribute>().FirstOrDefault()
            ?? function.Method.DeclaringType!.GetCustomAttributes(typeof(BodyLimitAttribute), inherit: false).Cast<BodyLimitAttribute>().FirstOrDefault();
        RequestLimits.AllowBody(context, declared?.Bytes ?? RequestLimits.DefaultMaxBodyBytes);
        return ValueTask.FromResult<IResult?>(null);
    }
}
