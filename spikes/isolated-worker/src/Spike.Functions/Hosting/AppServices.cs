namespace Spike.Hosting;

/// <summary>What the app registers in either mode: the same services behind the same [Function]s.</summary>
public static class AppServices
{
    public static IServiceCollection AddSpikeApp(this IServiceCollection services)
    {
        services.AddSingleton(FunctionCatalog.ForApp);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<FunctionRules>();
        services.AddSingleton<IHttpFunctionRule, SecurityHeaders>();
        services.AddSingleton<EditorKeys>();
        services.AddSingleton<RateLimits>();
        services.AddSingleton<InvocationJournal>();
        return services;
    }
}
