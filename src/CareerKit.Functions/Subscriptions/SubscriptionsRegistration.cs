using CareerKit.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace CareerKit.Subscriptions;

internal static class SubscriptionsRegistration
{
    public static IServiceCollection AddSubscriptions(this IServiceCollection services)
    {
        services.AddSingleton<AddressHasher>();
        services.AddSingleton<SubscriptionTokens>();
        services.AddSingleton<SubscriberStore>();
        services.AddSingleton<SubscriptionEmails>();
        services.AddSingleton<SubscriptionPages>();
        services.AddSingleton<SignupHandler>();
        services.AddSingleton<SignupEmailOutbox>();
        services.AddHostedService<SentSignupEmailClearing>();
        services.AddSingleton<SelfService>();
        services.AddSingleton<DataLinks>();

        // Forms here are a handful of short fields.
        services.Configure<FormOptions>(form =>
        {
            form.ValueCountLimit = 32;
            form.KeyLengthLimit = 256;
            form.MultipartBodyLengthLimit = 16 * 1024;
        });

        services.AddRateLimit(SubscriptionsApi.SignupRateLimitPolicy, options => options.SignupsPerClientPerMinute, "Too many sign-up attempts.");
        return services;
    }
}
