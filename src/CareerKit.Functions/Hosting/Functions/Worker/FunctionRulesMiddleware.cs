using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace CareerKit.Hosting.Worker;

/// <summary>
/// Worker mode's adapter for <see cref="FunctionRules"/>. Under ConfigureFunctionsWebApplication, ASP.NET Core
/// middleware and endpoint metadata never see a function: this is the only place around it. The answer becomes the
/// invocation result, which the integration's proxying middleware (outside this one) writes as it writes an IResult.
/// </summary>
internal sealed class FunctionRulesMiddleware(FunctionCatalog catalog, FunctionRules rules) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context); // Timers and queues: the host owns their retries and the poison queue.
            return;
        }

        var function = catalog[context.FunctionDefinition.Name];
        var answer = await rules.RunAsync(http, function, async () =>
        {
            await next(context);
            return context.GetInvocationResult().Value;
        });
        context.GetInvocationResult().Value = answer;
    }
}
