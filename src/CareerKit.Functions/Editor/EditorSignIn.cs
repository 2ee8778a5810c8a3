using CareerKit.Hosting;
using CareerKit.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace CareerKit.Editor;

/// <summary>GET/POST /editor/signin with a personal editor key; POST /editor/signout (<see cref="EditorSignInFunctions"/>).</summary>
public static partial class EditorSignIn
{
    public static IResult Show(HttpRequest request, IAntiforgery antiforgery, PageRenderer pages) =>
        Page(request.HttpContext, antiforgery, pages, LocalEditorPath(QueryValues.String(request, "returnUrl")), error: null, StatusCodes.Status200OK);

    public static async Task<IResult> SignInAsync(HttpRequest request, IAntiforgery antiforgery, EditorKeys keys, EditorSessions sessions, AuditLog audit, PageRenderer pages, ILogger<EditorKeys> logger)
    {
        var context = request.HttpContext;
        if (!context.Request.HasFormContentType)
        {
            return pages.Error(StatusCodes.Status415UnsupportedMediaType, "Send the sign-in form.", "Sign in with the form at /editor/signin.");
        }

        var form = await FormBody.ReadAsync(context.Request, context.RequestAborted); // Read first: the antiforgery check reads this copy.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return pages.Error(StatusCodes.Status400BadRequest, "The sign-in form expired.", "Reload the sign-in page and try again.");
        }

        var returnUrl = LocalEditorPath(form["returnUrl"]);
        var editor = await keys.VerifyAsync(form["key"].ToString().Trim(), context.RequestAborted);
        if (editor is null)
        {
            LogRefused(logger);
            return Refused(context, antiforgery, pages, returnUrl);
        }

        await context.SignInAsync(EditorAuthentication.CookieScheme, EditorAuthentication.Principal(editor, EditorAuthentication.CookieScheme),
            new AuthenticationProperties { IsPersistent = true });
        if (!await keys.IsActiveAsync(editor, context.RequestAborted))
        {
            // Revoked between the check above and the session's row: the revoke may have missed the row, so end it here.
            await sessions.EndAllAsync(editor, context.RequestAborted);
            await context.SignOutAsync(EditorAuthentication.CookieScheme);
            LogRefused(logger);
            return Refused(context, antiforgery, pages, returnUrl);
        }

        await audit.RecordAsync(editor, "signed in", "", context.RequestAborted);
        return Results.Redirect(returnUrl);
    }

    public static async Task<IResult> SignOutAsync(HttpRequest request, IAntiforgery antiforgery, AuditLog audit, PageRenderer pages)
    {
        var context = request.HttpContext;
        if (await EditorForms.ReadAsync(context, antiforgery) is null)
        {
            return pages.Error(StatusCodes.Status400BadRequest, "The form expired.", "Reload the page and try again.");
        }

        await context.SignOutAsync(EditorAuthentication.CookieScheme);
        await audit.RecordAsync(context.User.Identity!.Name!, "signed out", "", context.RequestAborted);
        return Results.Redirect("/editor/signin");
    }

    private static IResult Refused(HttpContext context, IAntiforgery antiforgery, PageRenderer pages, string returnUrl) =>
        Page(context, antiforgery, pages, returnUrl, "That key is not valid or has been revoked. Check it, or ask for a new one.", StatusCodes.Status401Unauthorized);

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, PageRenderer pages, string returnUrl, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return pages.Page("editor-signin", "Editor sign-in", new { ReturnUrl = returnUrl, Error = error, AntiforgeryField = tokens.FormFieldName, AntiforgeryToken = tokens.RequestToken }, status);
    }

    /// <summary>
    /// Only back into the editor, never an open redirect to another site, and only what a Location header can carry:
    /// control characters (a header split) send the editor to /editor; other characters outside ASCII are percent-encoded.
    /// </summary>
    private static string LocalEditorPath(string? returnUrl)
    {
        if (returnUrl is not { Length: > 0 and < 500 } path || !path.StartsWith("/editor", StringComparison.Ordinal) || path.StartsWith("/editor/signin", StringComparison.Ordinal)
            || path.Contains('\\', StringComparison.Ordinal) || path.Contains("//", StringComparison.Ordinal) || path.Any(char.IsControl))
        {
            return "/editor";
        }

        var encoded = new System.Text.StringBuilder(path.Length);
        foreach (var rune in path.EnumerateRunes())
        {
            encoded.Append(rune.IsAscii ? rune.ToString() : Uri.EscapeDataString(rune.ToString()));
        }

        return encoded.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Editor sign-in refused: unknown or revoked key")]
    private static partial void LogRefused(ILogger logger);
}
