namespace CareerKit.Hosting;

/// <summary>
/// Headers every answer carries. Pages hold signed tokens in their URLs, so they never leak them
/// through Referer and are never cached by shared caches.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.CacheControl = "no-cache, no-store"; // As antiforgery wants it, so forms' pages need no override (and no warning).
        headers.Pragma = "no-cache";
        return next(context);
    }
}
