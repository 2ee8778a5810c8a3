namespace Spike.Hosting.Standalone;

/// <summary>
/// The app without the Functions host: ASP.NET Core serves the HTTP functions from their [HttpTrigger] declarations,
/// and hosted services stand in for the host's timer and queue triggers, with host.json's settings.
/// </summary>
public static class StandaloneHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args, WebApplicationOptions? options = null)
    {
        var builder = WebApplication.CreateBuilder(options ?? new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSpikeApp();
        builder.Services.AddSingleton(HostJson.Read(AppContext.BaseDirectory));
        builder.Services.AddSingleton<TimerSchedules>();
        builder.Services.AddSingleton<IScheduleStatusStore, FileScheduleStatusStore>();
        builder.Services.AddHostedService<TimerScheduler>();
        builder.Services.AddSingleton<QueuePollers>();
        builder.Services.AddHostedService(services => services.GetRequiredService<QueuePollers>());
        return builder;
    }

    /// <summary>Maps every HTTP [Function] with the host's route ("{routePrefix}/{route}") and methods, and nothing else.</summary>
    public static WebApplication MapFunctions(this WebApplication app)
    {
        var catalog = app.Services.GetRequiredService<FunctionCatalog>();
        var unsupported = catalog.All.SelectMany(FunctionInvoker.Unsupported).ToArray();
        if (unsupported.Length > 0)
        {
            throw new InvalidOperationException("Standalone mode cannot run these functions:\n" + string.Join("\n", unsupported));
        }

        var routePrefix = app.Services.GetRequiredService<HostJson>().RoutePrefix;
        foreach (var function in catalog.All.Where(function => function.Http is not null))
        {
            var methods = function.Http!.Methods is { Length: > 0 } declared ? declared.Select(m => m.ToUpperInvariant()) : ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];
            // A Func typed as Delegate, not a lambda: a lambda taking only HttpContext would bind to the RequestDelegate
            // overload, which gets no endpoint filters and drops the function's result.
            Func<HttpContext, Task<object?>> invoke = context => FunctionInvoker.InvokeAsync(function, context.RequestServices, context.Request, context, context.RequestAborted);
            app.MapMethods(function.RoutePattern(routePrefix), methods, (Delegate)invoke)
                .WithName(function.Name)
                .WithMetadata(function)
                .AddEndpointFilter<FunctionRulesFilter>();
        }

        return app;
    }
}
