namespace Spike.Hosting;

/// <summary>
/// The one place that runs an HTTP function's rules and turns its failures into answers. Both modes call this and
/// only this: <see cref="Worker.FunctionRulesMiddleware"/> and <see cref="Standalone.FunctionRulesFilter"/> are adapters.
/// </summary>
public sealed partial class FunctionRules(IEnumerable<IHttpFunctionRule> everyFunction, ILogger<FunctionRules> logger)
{
    private readonly IHttpFunctionRule[] _everyFunction = everyFunction.ToArray();

    /// <returns>The rule's answer, or what the function returned, or the error answer.</returns>
    public async Task<object?> RunAsync(HttpContext context, FunctionDeclaration function, Func<Task<object?>> invoke)
    {
        foreach (var rule in _everyFunction.Concat(function.Rules).OrderBy(rule => rule.Order))
        {
            if (await rule.CheckAsync(context, function) is { } answer)
            {
                LogRefused(logger, function.Name, rule.GetType().Name);
                return answer;
            }
        }

        try
        {
            return await invoke();
        }
        catch (BadHttpRequestException bad)
        {
            return TypedResults.Problem(statusCode: bad.StatusCode, title: "The request could not be read.");
        }
        catch (Exception unexpected) when (!context.RequestAborted.IsCancellationRequested)
        {
            LogUnexpected(logger, unexpected, function.Name, context.TraceIdentifier);
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Something went wrong on our side.",
                detail: $"The error has been logged with id {context.TraceIdentifier}.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function} refused by {Rule}")]
    private static partial void LogRefused(ILogger logger, string function, string rule);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed, id {ErrorId}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string function, string errorId);
}
