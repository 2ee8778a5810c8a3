using CareerKit.Hosting;
using Microsoft.AspNetCore.Authentication;

namespace CareerKit.Editor;

/// <summary>
/// Only an editor may call these functions: on the pages, a signed-in session; on the API, a Bearer key
/// (<see cref="EditorAuthentication"/>). Authenticates the request itself, in both modes (ASP.NET Core's
/// authentication middleware never runs around a function under the worker), and sets <c>HttpContext.User</c>.
/// Without a valid session a page redirects to sign-in; without a valid key the API answers 401.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
internal sealed class RequiresEditorAttribute : Attribute, IHttpFunctionRule
{
    public int Order => 200;

    public async ValueTask<IResult?> CheckAsync(HttpContext context, FunctionDeclaration function)
    {
        var result = await context.AuthenticateAsync(EditorAuthentication.Scheme);
        if (result is { Succeeded: true, Principal: { } editor })
        {
            context.User = editor;
            return null;
        }

        if (result.Failure is { } failure && StorageFailure.IsOutage(failure, context.RequestAborted))
        {
            throw failure; // Storage did not answer: a 503, not "sign in again".
        }

        return TypedResults.Challenge(authenticationSchemes: [EditorAuthentication.Scheme]);
    }
}
