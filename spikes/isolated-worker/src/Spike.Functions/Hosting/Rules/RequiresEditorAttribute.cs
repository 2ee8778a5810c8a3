namespace Spike.Hosting;

/// <summary>Only an editor may call this function: a Bearer key the app knows (the product also takes its sign-in cookie).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class RequiresEditorAttribute : Attribute, IHttpFunctionRule
{
    public int Order => 200;

    public ValueTask<IResult?> CheckAsync(HttpContext context, FunctionDeclaration function)
    {
        var keys = context.RequestServices.GetRequiredService<EditorKeys>();
        var authorization = context.Request.Headers.Authorization.ToString();
        var signedIn = authorization.StartsWith("Bearer ", StringComparison.Ordinal) && keys.IsValid(authorization["Bearer ".Length..]);
        return ValueTask.FromResult<IResult?>(signedIn
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in as an editor."));
    }
}

/// <summary>The editors' keys (a stand-in for the product's EditorKeys table).</summary>
public sealed class EditorKeys(IConfiguration configuration)
{
    public bool IsValid(string key) =>
        configuration["EDITOR_KEY"] is { Length: > 0 } known
        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(known), System.Text.Encoding.UTF8.GetBytes(key));
}
