using System.Collections.Concurrent;

namespace CareerKit.Hosting;

/// <summary>
/// The one place that runs an HTTP function's rules, calls it, and turns its failures into answers. Both modes call
/// this and only this: <see cref="Worker.FunctionRulesMiddleware"/> and each endpoint of <see cref="Standalone.StandaloneFunctions.MapFunctions"/>
/// are adapters. The answer is always a <see cref="FunctionAnswer"/>, which the mode's HTTP layer executes.
/// </summary>
public sealed class FunctionRules(IEnumerable<IHttpFunctionRule> everyFunction, UnexpectedErrorHandler errors)
{
    private readonly IHttpFunctionRule[] _everyFunction = everyFunction.ToArray();
    private readonly ConcurrentDictionary<string, IHttpFunctionRule[]> _byFunction = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IResult> RunAsync(HttpContext context, FunctionDeclaration function, Func<Task<object?>> invoke)
    {
        object? answer;
        try
        {
            answer = await CheckAsync(context, function) ?? await invoke();
        }
        catch (Exception failure) when (!context.RequestAborted.IsCancellationRequested)
        {
            answer = errors.Answer(context, failure);
        }

        return new FunctionAnswer(answer, errors);
    }

    private async Task<IResult?> CheckAsync(HttpContext context, FunctionDeclaration function)
    {
        var rules = _byFunction.GetOrAdd(function.Name, _ => _everyFunction.Concat(function.Rules).OrderBy(rule => rule.Order).ToArray());
        foreach (var rule in rules)
        {
            if (await rule.CheckAsync(context, function) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }
}
