using CareerKit.Pages;

namespace CareerKit.Hosting;

/// <summary>Bodies for bare status codes (unknown path, wrong method, a function's bodiless 4xx): a page for browsers, problem details for APIs.</summary>
internal static class StatusCodeResponses
{
    public static async Task WriteAsync(HttpContext http)
    {
        var status = http.Response.StatusCode;
        var (title, detail) = status switch
        {
            StatusCodes.Status404NotFound => ("Page not found.", "There is nothing at this address. Check the link, or start again from the sign-up page."),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed.", $"This address does not accept {http.Request.Method} requests."),
            StatusCodes.Status415UnsupportedMediaType => ("Unsupported content type.", "Send JSON (application/json) or a form (application/x-www-form-urlencoded)."),
            _ => ("Request failed.", $"The request failed with status {status}."),
        };

        var answer = ClientKind.WantsHtml(http.Request)
            ? http.RequestServices.GetRequiredService<PageRenderer>().Error(status, title, detail)
            : TypedResults.Problem(statusCode: status, title: title, detail: detail);
        await answer.ExecuteAsync(http);
    }
}
