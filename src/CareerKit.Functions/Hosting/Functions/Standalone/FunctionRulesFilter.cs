namespace CareerKit.Hosting.Standalone;

/// <summary>Standalone mode's adapter for <see cref="FunctionRules"/>: an endpoint filter on every mapped function.</summary>
internal sealed class FunctionRulesFilter(FunctionRules rules) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var function = context.HttpContext.GetEndpoint()!.Metadata.GetRequiredMetadata<FunctionDeclaration>();
        return await rules.RunAsync(context.HttpContext, function, async () => await next(context));
    }
}
