using CareerKit.Hosting;
using CareerKit.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Azure.Functions.Worker;

namespace CareerKit.Editor;

/// <summary>Signing in with an editor key (open to anyone, its POST rate-limited per client) and signing out (editors only).</summary>
public sealed class EditorSignInFunctions(
    IAntiforgery antiforgery, PageRenderer pages, EditorKeys keys, EditorSessions sessions, AuditLog audit, ILogger<EditorKeys> logger)
{
    [Function("EditorSignIn")]
    [RateLimited(EditorAuthentication.SignInRateLimit, "POST")] // Guessing keys costs a POST; the form itself stays free.
    public async Task<IResult> SignInAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "editor/signin")] HttpRequest req) =>
        HttpMethods.IsPost(req.Method)
            ? await EditorSignIn.SignInAsync(req, antiforgery, keys, sessions, audit, pages, logger)
            : EditorSignIn.Show(req, antiforgery, pages);

    [Function("EditorSignOut")]
    [RequiresEditor]
    public Task<IResult> SignOutAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "editor/signout")] HttpRequest req) =>
        EditorSignIn.SignOutAsync(req, antiforgery, audit, pages);
}
