namespace Spike.Hosting;

/// <summary>
/// A rule that runs before an HTTP function, in both modes: from the worker middleware under the Functions host and
/// from the endpoint filter standalone. It answers (short-circuits) by returning a result, or lets the call through with null.
/// Rules are declared on the [Function] method or its class as attributes, or registered for every function in DI.
/// </summary>
public interface IHttpFunctionRule
{
    /// <summary>Lower runs first. Headers 0, rate limits 100, authentication 200, body limits 300.</summary>
    int Order { get; }

    ValueTask<IResult?> CheckAsync(HttpContext context, FunctionDeclaration function);
}
