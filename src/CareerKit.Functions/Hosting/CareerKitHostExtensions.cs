using CareerKit.Editor;
using CareerKit.Email;
using CareerKit.Health;
using CareerKit.Newsletter;
using CareerKit.Pages;
using CareerKit.Resumes;
using CareerKit.Storage;
using CareerKit.Subscriptions;

namespace CareerKit.Hosting;

/// <summary>The table of contents of the app: what it registers and what it serves.</summary>
public static class CareerKitHostExtensions
{
    public static WebApplicationBuilder AddCareerKit(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddLocalSettings(builder.Environment.ContentRootPath);
        builder.WebHost.UseCareerKitUrls(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Every body this app takes is small; later features raise the limit per endpoint.
            kestrel.Limits.MaxRequestBodySize = RequestLimits.DefaultMaxBodyBytes;
        });
        // Request logs carry full URLs, and our URLs carry tokens: keep them out of the logs.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddCareerKitOptions();
        builder.Services.AddProblemDetails();
        // A body or parameter that does not bind is thrown, so UnexpectedErrorHandler can say which field, not just "400".
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<UnexpectedErrorHandler>();
        builder.Services.AddPages();
        builder.Services.AddTableStorage();
        builder.Services.AddEmail();
        builder.Services.AddSubscriptions();
        builder.Services.AddResumes();
        builder.Services.AddNewsletter();
        builder.Services.AddEditor();
        builder.Services.AddKeyRingEncryption(builder.Configuration);
        builder.Services.AddCareerKitHealthChecks();
        builder.AddCareerKitTelemetry();
        return builder;
    }

    public static WebApplication UseCareerKit(this WebApplication app)
    {
        app.UseMiddleware<PublicScheme>();
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeResponses.WriteAsync);
        app.UseMiddleware<SecurityHeaders>();
        app.UseRateLimiter();
        app.Use(RequestLimits.ApplyEndpointLimit);
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapCareerKit(this WebApplication app)
    {
        var routes = app.MapGroup("");
        ((IEndpointConventionBuilder)routes).Finally(HeadLikeGet.Allow); // After every endpoint's own conventions, which may set its methods.
        routes.MapSubscriptionsApi();
        routes.MapResumesApi();
        routes.MapResumesPage();
        routes.MapEventWebhook();
        routes.MapArchive();
        routes.MapEditorSignIn();
        routes.MapEditorHome();
        routes.MapEditorEditionsApi();
        routes.MapEditorTipsApi();
        routes.MapEditorEditionPages();
        routes.MapEditorTipPages();
        routes.MapSubscriberReport();
        routes.MapSubscriberImport();
        routes.MapFunctionInvocations();
        routes.MapHealthApi();
        return app;
    }
}
