using CareerKit.Hosting;
using Microsoft.Extensions.Options;

namespace CareerKit.Resumes;

internal static class ResumesRegistration
{
    public static IServiceCollection AddResumes(this IServiceCollection services)
    {
        services.AddSingleton(_ => ResumeTemplates.Default());
        services.AddSingleton(provider => new ResumeRenderer(provider.GetRequiredService<IOptions<CareerKitOptions>>().Value.FontsPath));
        services.AddSingleton<PdfRenderSlots>();
        services.AddRateLimit(ResumesApi.PdfRateLimitPolicy, options => options.PdfRendersPerClientPerMinute, "Too many PDFs.");
        services.AddSingleton<TemplatePdfCache>();
        services.AddSingleton<StoredResumes>();
        services.AddSingleton<Import.ResumeImporter>();
        return services;
    }
}
