using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace CareerKit.Email;

internal static class EmailRegistration
{
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddOptions<SendGridOptions>()
            .BindConfiguration(SendGridOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SendGridOptions>, SendGridOptionsAttributes>();

        services.AddHttpClient(SendGridEmailSender.HttpClientName)
            .AddStandardResilienceHandler(ConfigureRetries);

        services.AddSingleton<OutboxEmailSender>();
        services.AddSingleton<SendGridEmailSender>();
        services.AddSingleton<IEmailSender>(provider => provider.GetRequiredService<IOptions<SendGridOptions>>().Value.UsesSendGrid
            ? provider.GetRequiredService<SendGridEmailSender>()
            : provider.GetRequiredService<OutboxEmailSender>());
        return services;
    }

    /// <summary>
    /// 429 and 5xx are retried a few times with backoff, honouring Retry-After, then given up on so the
    /// person waiting gets an answer. A 4xx other than 429 is never retried: retrying cannot fix it. Nor is a
    /// timeout or a connection that broke mid-request: SendGrid may have accepted the email, and a retry
    /// would deliver it twice (the send ledger recovers those batches instead).
    /// </summary>
    private static void ConfigureRetries(HttpStandardResilienceOptions options)
    {
        options.Retry.MaxRetryAttempts = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        options.Retry.UseJitter = true;
        options.Retry.ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome switch
        {
            { Result: { } response } => (int)response.StatusCode is 429 or >= 500,
            { Exception: { } failure } => SendGridEmailSender.NeverSent(failure),
            _ => false,
        });
        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(25);
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(20);
    }
}
