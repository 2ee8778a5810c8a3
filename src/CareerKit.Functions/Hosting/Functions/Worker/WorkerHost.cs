using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Core;

namespace CareerKit.Hosting.Worker;

/// <summary>The app under the Functions host: the isolated worker with the ASP.NET Core integration, the same services and [Function]s as standalone.</summary>
public static class WorkerHost
{
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        RunGeneratedStartup(builder);
        builder.Configuration.AddInMemoryCollection([new(HostMode.UnderFunctionsHostSetting, "true")]);
        builder.Services.AddCareerKitServices(builder.Configuration);
        // After ConfigureFunctionsWebApplication, so it runs inside the HTTP proxying middleware and sees GetHttpContext().
        builder.UseMiddleware<FunctionRulesMiddleware>();
        return builder;
    }

    /// <summary>
    /// The worker runs the SDK-generated startup (function metadata, the direct executor, extension startups) of the
    /// ENTRY assembly only. Under a test runner the entry assembly is testhost, so this runs the app's own.
    /// </summary>
    private static void RunGeneratedStartup(FunctionsApplicationBuilder builder)
    {
        var app = typeof(WorkerHost).Assembly;
        if (Assembly.GetEntryAssembly() == app)
        {
            return;
        }

        var hostBuilder = (IHostBuilder)typeof(FunctionsApplicationBuilder)
            .GetProperty("HostBuilder", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(builder)!;
        foreach (var startup in app.GetTypes().Where(type => typeof(IAutoConfigureStartup).IsAssignableFrom(type) && type is { IsAbstract: false, IsInterface: false }))
        {
            ((IAutoConfigureStartup)Activator.CreateInstance(startup)!).Configure(hostBuilder);
        }
    }
}
