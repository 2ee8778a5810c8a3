namespace CareerKit.Hosting.Standalone;

/// <summary>
/// The app without the Functions host: ASP.NET Core serves the HTTP functions from their [HttpTrigger] declarations,
/// and hosted services stand in for the host's timer and queue triggers, with host.json's settings.
/// </summary>
public static class StandaloneFunctions
{
    /// <summary>"false" leaves the timers and queue polling to someone else (tests drive the triggers themselves).</summary>
    public const string TriggersSetting = "CareerKit:LocalScheduler";

    public static IServiceCollection AddStandaloneFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(HostJson.Read(AppContext.BaseDirectory));
        services.AddSingleton<AppSettings>();
        services.AddSingleton<TimerSchedules>();
        services.AddSingleton<ScheduleStatusStore>();
        services.AddSingleton<QueuePollers>();
        if (configuration[TriggersSetting] != "false")
        {
            services.AddHostedService<TimerScheduler>();
            services.AddHostedService(provider => provider.GetRequiredService<QueuePollers>());
        }

        return services;
    }

    /// <summary>Maps every HTTP [Function] with the host's route ("{routePrefix}/{route}") and methods, and nothing else.</summary>
    public static IEndpointRouteBuilder MapFunctions(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        var catalog = services.GetRequiredService<FunctionCatalog>();
        var unsupported = catalog.All.SelectMany(FunctionInvoker.Unsupported).ToArray();
        if (unsupported.Length > 0)
        {
            throw new InvalidOperationException("Standalone mode cannot run these functions:\n" + string.Join("\n", unsupported));
        }

        var routePrefix = services.GetRequiredService<HostJson>().RoutePrefix;
        foreach (var function in catalog.All.Where(function => function.Http is not null))
        {
            var methods = function.Http!.Methods is { Length: > 0 } declared ? declared.Select(m => m.ToUpperInvariant()) : ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];
            // A plain RequestDelegate: no minimal-API binding to build per endpoint at the first request (with 54
            // endpoints that cost about 200 ms of a cold start); the rules and the answer are ours anyway.
            RequestDelegate handle = context => AnswerAsync(context, function);
            app.MapMethods(function.RoutePattern(routePrefix), methods, handle)
                .WithName(function.Name)
                .WithMetadata(function);
        }

        return app;
    }

    private static async Task AnswerAsync(HttpContext context, FunctionDeclaration function)
    {
        try
        {
            var answer = await context.RequestServices.GetRequiredService<FunctionRules>().RunAsync(context, function,
                () => FunctionInvoker.InvokeAsync(function, context.RequestServices, context.Request, context, context.RequestAborted));
            await answer.ExecuteAsync(context);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-request (a cut-off upload): no one is left to answer, and it is not the app's error.
        }
    }

    /// <summary>
    /// Requests no function matched (an unknown path, a method the route does not take): the same headers as every
    /// answer and a readable body. Under the host these never reach the app; the host answers them.
    /// </summary>
    public static IApplicationBuilder UseUnmatchedRequestAnswers(this IApplicationBuilder app)
    {
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<PublicScheme>().Apply(context);
            SecurityHeaders.Apply(context);
            return next(context);
        });
        return app.UseStatusCodePages(context => StatusCodeResponses.WriteAsync(context.HttpContext));
    }
}
