namespace CareerKit.Hosting;

/// <summary>
/// Headers every answer carries. Pages hold signed tokens in their URLs, so they never leak them
/// through Referer and are never cached by shared caches. On the public https address, HSTS.
/// </summary>
internal sealed class SecurityHeaders : IHttpFunctionRule
{
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public int Order => 0;

    public ValueTask<IResult?> CheckAsync(HttpContext context, FunctionDeclaration function)
    {
        Apply(context);
        return ValueTask.FromResult<IResult?>(null);
    }

    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.CacheControl = "no-cache, no-store"; // As antiforgery wants it, so forms' pages need no override (and no warning).
        headers.Pragma = "no-cache";
        if (context.Request.IsHttps)
        {
            // Browsers that came once over https never try plain http again (a year, as HSTS preload lists ask).
            headers.StrictTransportSecurity = "max-age=31536000";
        }
    }
}
