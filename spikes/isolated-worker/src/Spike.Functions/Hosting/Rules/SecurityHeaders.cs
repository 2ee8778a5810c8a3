namespace Spike.Hosting;

/// <summary>Headers every answer carries; registered for every function rather than declared on each.</summary>
public sealed class SecurityHeaders : IHttpFunctionRule
{
    public int Order => 0;

    public ValueTask<IResult?> CheckAsync(HttpContext context, FunctionDeclaration function)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return ValueTask.FromResult<IResult?>(null);
    }
}
