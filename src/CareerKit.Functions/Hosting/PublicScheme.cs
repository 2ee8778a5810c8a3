namespace CareerKit.Hosting;

/// <summary>
/// Requests reach the app over plain http from the Functions host (or a proxy) on this machine, while people
/// use the public https address. Seeing requests as https when CareerKit:PublicBaseUrl is https keeps secure
/// cookies, antiforgery and redirects consistent with the address people actually use.
/// </summary>
internal sealed class PublicScheme(RequestDelegate next, Microsoft.Extensions.Options.IOptions<CareerKitOptions> options)
{
    private readonly bool _https = Uri.TryCreate(options.Value.PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps;

    public Task InvokeAsync(HttpContext context)
    {
        if (_https)
        {
            context.Request.Scheme = Uri.UriSchemeHttps;
        }

        return next(context);
    }
}
