using CareerKit.Hosting;
using CareerKit.Hosting.Standalone;
using Microsoft.Extensions.Options;

namespace CareerKit.Newsletter;

internal static class NewsletterRegistration
{
    public static IServiceCollection AddNewsletter(this IServiceCollection services)
    {
        services.AddSingleton<TipShelf>();
        services.AddSingleton(provider => new CuratedTips(TipLibrary.DefaultFolder, provider.GetRequiredService<TipShelf>()));
        services.AddSingleton(provider => new EditionComposer(provider.GetRequiredService<Rendering.TemplateLibrary>()));
        services.AddSingleton<EditionStore>();
        services.AddSingleton<EditionGate>();
        services.AddSingleton<SendQueue>();
        services.AddSingleton<IValidateOptions<Storage.StorageOptions>, SendQueueNameValidator>();
        services.AddSingleton<WeeklyTips>();
        services.AddSingleton<SendBatch>();
        services.AddSingleton<SendLedger>();
        services.AddOptions<UnknownOutcomeOptions>().BindConfiguration(CareerKitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UnknownOutcomeOptions>, UnknownOutcomeOptionsAttributes>();
        services.AddSingleton<IValidateOptions<UnknownOutcomeOptions>, UnknownOutcomeOptionsValidator>();
        services.AddSingleton<EditionRecipients>();
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<EventLedger>();
        services.AddSingleton<SendReceipts>();
        services.AddSingleton<DispatchScheduled>();
        services.AddSingleton<FeedbackStore>();
        services.AddSingleton<FeedbackLinks>();
        services.AddSingleton<FeedbackFigures>();
        services.AddSingleton<ReaderFeedback>();
        services.AddSingleton<FeedbackPages>();
        // Standalone, the timers' schedules default to these; the Functions host needs them set (the Bicep sets them).
        services.AddSingleton(new AppSettingDefault(NewsletterTimers.WeeklyScheduleSetting, _ => NewsletterTimers.DefaultWeeklySchedule));
        services.AddSingleton(new AppSettingDefault(NewsletterTimers.DispatchScheduleSetting, _ => NewsletterTimers.DefaultDispatchSchedule));
        services.AddSingleton(new AppSettingDefault(SendQueue.TriggerQueueSetting,
            provider => SendQueue.NameIn(provider.GetRequiredService<IConfiguration>(), provider.GetRequiredService<Storage.StorageNames>())));
        return services;
    }
}
