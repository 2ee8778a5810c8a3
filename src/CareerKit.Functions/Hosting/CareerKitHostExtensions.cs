using CareerKit.Editor;
using CareerKit.Email;
using CareerKit.Health;
using CareerKit.Hosting.Standalone;
using CareerKit.Newsletter;
using CareerKit.Pages;
using CareerKit.Resumes;
using CareerKit.Storage;
using CareerKit.Subscriptions;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CareerKit.Hosting;

/// <summary>The table of contents of the app: what it registers in either mode, and what standalone mode adds.</summary>
public static class CareerKitHostExtensions
{
    /// <summary>Standalone's default address: the one `func start` uses.</summary>
    public const string StandaloneUrl = "http://localhost:7071";

    /// <summary>Everything the [Function]s need, in both modes. Each feature registers its own services in one place.</summary>
    public static IServiceCollection AddCareerKitServices(this IServiceCollection services, IConfiguration configuration)
    {
        // Both Kestrels (standalone's, and the worker's own behind the host's proxy) take these.
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestLimits.DefaultMaxBodyBytes; // Functions that take more declare it.
        });
        // Request logs carry full URLs, and our URLs carry tokens: keep them out of the logs.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));

        services.AddSingleton(TimeProvider.System);
        services.AddCareerKitOptions();
        services.AddProblemDetails();
        services.AddSingleton(FunctionCatalog.ForApp);
        services.AddSingleton<FunctionRules>();
        services.AddSingleton<UnexpectedErrorHandler>();
        services.AddSingleton<PublicScheme>();
        services.AddSingleton<IHttpFunctionRule>(provider => provider.GetRequiredService<PublicScheme>());
        services.AddSingleton<IHttpFunctionRule, SecurityHeaders>();
        services.AddSingleton<IHttpFunctionRule, BodyLimits>();
        services.AddPages();
        services.AddStorage();
        services.AddEmail();
        services.AddSubscriptions();
        services.AddResumes();
        services.AddNewsletter();
        services.AddEditor();
        services.AddKeyRingEncryption(configuration);
        services.AddCareerKitHealthChecks();
        services.AddCareerKitTelemetry(configuration);
        return services;
    }

    /// <summary>Standalone mode: the app's services plus the stand-ins for the host's triggers, on this machine's Kestrel.</summary>
    public static WebApplicationBuilder AddCareerKit(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddLocalSettings(builder.Environment.ContentRootPath);
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(StandaloneUrl);
        }

        builder.Services.AddCareerKitServices(builder.Configuration);
        builder.Services.AddStandaloneFunctions(builder.Configuration);
        return builder;
    }

    /// <summary>Standalone plumbing only: every rule runs around the functions themselves, in both modes.</summary>
    public static WebApplication UseCareerKit(this WebApplication app)
    {
        app.UseUnmatchedRequestAnswers();
        return app;
    }

    public static WebApplication MapCareerKit(this WebApplication app)
    {
        app.MapFunctions();
        return app;
    }
}
