using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using CareerKit.Resumes;

namespace CareerKit.Hosting;

/// <summary>
/// CareerKit's own traces and metrics. Tags carry ids, tracks, outcomes and counts: never an email address, a token
/// or a key. Exported to Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is set (authenticated with the
/// app's identity, as the Application Insights resource allows no local auth), else to the console unless
/// CareerKit:TelemetryConsole is false.
/// </summary>
public static class Telemetry
{
    /// <summary>The source and meter name; the resume renderer (CareerKit.Resumes) reports under the same name.</summary>
    public const string Name = ResumeTelemetry.Name;
    public const string ConsoleSetting = "CareerKit:TelemetryConsole";
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Signups = Meter.CreateCounter<long>("careerkit.signups", description: "Sign-ups handled, by outcome");
    public static readonly Counter<long> Confirmations = Meter.CreateCounter<long>("careerkit.confirmations", description: "Subscriptions confirmed");
    public static readonly Counter<long> Unsubscribes = Meter.CreateCounter<long>("careerkit.unsubscribes", description: "Subscribers who unsubscribed");
    public static readonly Counter<long> EmailsSent = Meter.CreateCounter<long>("careerkit.emails.sent", unit: "{email}", description: "Emails accepted by the provider (or written to the outbox)");
    public static readonly Counter<long> EmailsFailed = Meter.CreateCounter<long>("careerkit.emails.failed", unit: "{email}", description: "Emails the provider did not accept");
    public static readonly Histogram<double> SendBatchDuration = Meter.CreateHistogram<double>("careerkit.send_batch.duration", unit: "ms", description: "Time to send one queued batch of an edition");
    public static readonly Histogram<double> SendBatchQueueWait = Meter.CreateHistogram<double>("careerkit.send_batch.queue_wait", unit: "s", description: "Time a batch waited in the queue before it was picked up");

    public static IServiceCollection AddCareerKitTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var azureMonitor = configuration[AzureMonitorSetting];
        var toConsole = string.IsNullOrWhiteSpace(azureMonitor) && !string.Equals(configuration[ConsoleSetting], "false", StringComparison.OrdinalIgnoreCase);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(Name))
            .WithTracing(tracing =>
            {
                tracing.AddSource(Name).AddAspNetCoreInstrumentation(options =>
                {
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/api/health");
                    // Our links carry signed tokens in the query: no query string in any trace.
                    options.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                });
                if (toConsole)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Name).AddAspNetCoreInstrumentation();
                if (toConsole)
                {
                    metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000);
                }
            });

        if (!string.IsNullOrWhiteSpace(azureMonitor))
        {
            var credential = Storage.StorageOptions.From(configuration).CreateCredential();
            void Configure(AzureMonitorExporterOptions options)
            {
                options.ConnectionString = azureMonitor;
                options.Credential = credential;
            }

            telemetry.WithTracing(tracing => tracing.AddAzureMonitorTraceExporter(Configure))
                .WithMetrics(metrics => metrics.AddAzureMonitorMetricExporter(Configure))
                .WithLogging(logging => logging.AddAzureMonitorLogExporter(Configure));
        }

        return services;
    }
}
