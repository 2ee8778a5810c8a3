namespace CareerKit.Hosting;

/// <summary>
/// A rule that runs before an HTTP function in both modes: from <see cref="Worker.FunctionRulesMiddleware"/> under the
/// Functions host and from the endpoints <see cref="Standalone.StandaloneFunctions.MapFunctions"/> maps standalone, both through <see cref="FunctionRules"/>.
/// It answers (short-circuits) by returning a result, or lets the call through with null. Rules are declared on the
/// [Function] method or its class as attributes, or registered in DI for every function.
/// </summary>
public interface IHttpFunctionRule
{
    /// <summary>Lower runs first: scheme -100, headers 0, rate limits 100, editors 200, body limits 300.</summary>
    int Order { get; }

    ValueTask<IResult?> CheckAsync(HttpContext context, FunctionDeclaration function);
}
