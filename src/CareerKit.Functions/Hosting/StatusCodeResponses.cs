using CareerKit.Pages;
using Microsoft.AspNetCore.Diagnostics;

namespace CareerKit.Hosting;

/// <summary>Bodies for bare status codes (unknown path, wrong method): a page for browsers, problem details for APIs.</summary>
internal static class StatusCodeResponses
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var (title, detail) = status switch
        {
            StatusCodes.Status404NotFound => ("Page not found.", "There is nothing at this address. Check the link, or start again from the sign-up page."),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed.", $"This address does not accept {http.Request.Method} requests."),
            StatusCodes.Status415UnsupportedMediaType => ("Unsupported content type.", "Send JSON (application/json) or a form (application/x-www-form-urlencoded)."),
            _ => ("Request failed.", $"The request failed with status {status}."),
        };

        if (ClientKind.WantsHtml(http.Request))
        {
            await http.RequestServices.GetRequiredService<PageRenderer>().Error(status, title, detail).ExecuteAsync(http);
            return;
        }

        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
