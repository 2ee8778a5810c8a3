using CareerKit.Hosting;
using Microsoft.AspNetCore.Antiforgery;

namespace CareerKit.Editor;

/// <summary>What every editor page form shares: the antiforgery check, the signed-in editor, and the nav's sign-out form.</summary>
internal static class EditorForms
{
    /// <returns>The posted form, or null when it is not a form or its antiforgery token is missing or expired.</returns>
    public static async Task<IFormCollection?> ReadAsync(HttpContext context, IAntiforgery antiforgery, Microsoft.AspNetCore.Http.Features.FormOptions? limits = null)
    {
        if (!context.Request.HasFormContentType)
        {
            return null;
        }

        // Read before the antiforgery check, which would wrap an unreadable form (a NUL, too many fields, a cut-off upload)
        // into an exception the error handler cannot tell from a bug. Kept by the request, so the check reads this copy.
        var form = await FormBody.ReadAsync(context.Request, limits, context.RequestAborted);
        return await antiforgery.IsRequestValidAsync(context) ? form : null;
    }

    public static IResult Expired(Pages.PageRenderer pages) =>
        pages.Error(StatusCodes.Status400BadRequest, "The form expired.", "Go back, reload the page and try again. Nothing was changed.");

    public static string Editor(HttpContext context) => context.User.Identity?.Name ?? "?";

    /// <summary>The antiforgery field every form on the page carries (the nav's sign-out form too).</summary>
    public static object Token(HttpContext context, IAntiforgery antiforgery) => EditorHome.SignOutForm(context, antiforgery);

    /// <summary>See Other: after a successful POST the browser GETs the result, so a reload does not post again.</summary>
    public static IResult SeeOther(string path) => new SeeOtherResult(path);

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
