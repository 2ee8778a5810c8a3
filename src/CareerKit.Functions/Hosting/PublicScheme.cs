using Microsoft.Extensions.Options;

namespace CareerKit.Hosting;

/// <summary>
/// Requests reach the app over plain http from the Functions host (or a proxy) on this machine, while people
/// use the public https address. Seeing requests as https when CareerKit:PublicBaseUrl is https keeps secure
/// cookies, antiforgery and redirects consistent with the address people actually use. Runs first, for every function.
/// </summary>
internal sealed class PublicScheme(IOptions<CareerKitOptions> options) : IHttpFunctionRule
{
    private readonly bool _https = Uri.TryCreate(options.Value.PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps;

    public int Order => -100;

    public ValueTask<IResult?> CheckAsync(HttpContext context, FunctionDeclaration function)
    {
        Apply(context);
        return ValueTask.FromResult<IResult?>(null);
    }

    public void Apply(HttpContext context)
    {
        if (_https)
        {
            context.Request.Scheme = Uri.UriSchemeHttps;
        }
    }
}
