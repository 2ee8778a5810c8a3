using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CareerKit.Hosting;

/// <summary>Settings under "CareerKit:".</summary>
public sealed class CareerKitOptions
{
    public const string Section = "CareerKit";

    /// <summary>Absolute base of every link in an email, e.g. https://careerkit.example.</summary>
    [Required(ErrorMessage = "CareerKit:PublicBaseUrl is required: the absolute address links in emails point at, e.g. http://localhost:7071.")]
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>Key that signs the links in emails (HMAC-SHA256). At least 32 characters.</summary>
    [Required(ErrorMessage = "CareerKit:SigningKey is required: a random secret of at least 32 characters that signs email links.")]
    [MinLength(32, ErrorMessage = "CareerKit:SigningKey must be at least 32 characters long.")]
    public string SigningKey { get; set; } = "";

    /// <summary>Folder for .eml files when no SendGrid API key is set.</summary>
    public string OutboxPath { get; set; } = "outbox";

    /// <summary>Folder of the resume fonts (DejaVu Sans .ttf files); the build copies them to fonts/ next to the app.</summary>
    public string? FontsPath { get; set; }

    /// <summary>Sign-ups one client may make per minute; 0 turns the limit off (load tests).</summary>
    [Range(0, 100_000, ErrorMessage = "CareerKit:SignupsPerClientPerMinute must be between 0 and 100000.")]
    public int SignupsPerClientPerMinute { get; set; } = 10;

    /// <summary>Tailored PDFs and previews one client may ask for per minute; 0 turns the limit off (load tests).</summary>
    [Range(0, 100_000, ErrorMessage = "CareerKit:PdfRendersPerClientPerMinute must be between 0 and 100000.")]
    public int PdfRendersPerClientPerMinute { get; set; } = 20;

    /// <summary>PDFs rendered at once by this instance; 0 means one per processor core. Bounds the memory a burst can take.</summary>
    [Range(0, 1_000, ErrorMessage = "CareerKit:PdfRendersAtOnce must be between 0 and 1000.")]
    public int PdfRendersAtOnce { get; set; }

    /// <summary>How long a PDF request waits for a render slot before it is answered 503 with Retry-After.</summary>
    [Range(0.0, 60.0, ErrorMessage = "CareerKit:PdfRenderWaitSeconds must be between 0 and 60.")]
    public double PdfRenderWaitSeconds { get; set; } = 3;

    /// <summary>How long reading an uploaded PDF or DOCX resume may take before the import gives up with a 422.</summary>
    [Range(0.001, 60.0, ErrorMessage = "CareerKit:ResumeImportSeconds must be between 0.001 and 60.")]
    public double ResumeImportSeconds { get; set; } = 10;

    /// <summary>
    /// Proxies in front of the app that append the client's address to X-Forwarded-For. Under the Functions host 1 (Azure's
    /// front end); standalone 0, and the header is ignored.
    /// </summary>
    [Range(0, 10, ErrorMessage = "CareerKit:TrustedProxyHops must be between 0 and 10.")]
    public int TrustedProxyHops { get; set; }

    /// <summary>An absolute link to a path of this app.</summary>
    public string LinkTo(string pathAndQuery) => new Uri(new Uri(PublicBaseUrl.TrimEnd('/') + "/"), pathAndQuery.TrimStart('/')).AbsoluteUri;
}

/// <summary>The attributes' rules, checked by code generated at compile time rather than by reflection at start.</summary>
[OptionsValidator]
internal sealed partial class CareerKitOptionsAttributes : IValidateOptions<CareerKitOptions>;

internal sealed class CareerKitOptionsValidator : IValidateOptions<CareerKitOptions>
{
    public ValidateOptionsResult Validate(string? name, CareerKitOptions options)
    {
        if (!string.IsNullOrEmpty(options.PublicBaseUrl)
            && (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            return ValidateOptionsResult.Fail($"CareerKit:PublicBaseUrl must be an absolute http or https address, not '{options.PublicBaseUrl}'.");
        }

        return ValidateOptionsResult.Success;
    }
}

internal static class CareerKitOptionsRegistration
{
    public static IServiceCollection AddCareerKitOptions(this IServiceCollection services)
    {
        services.AddOptions<CareerKitOptions>()
            .Configure<IConfiguration>((options, configuration) => options.TrustedProxyHops = HostMode.IsUnderFunctionsHost(configuration) ? 1 : 0)
            .BindConfiguration(CareerKitOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CareerKitOptions>, CareerKitOptionsAttributes>();
        services.AddSingleton<IValidateOptions<CareerKitOptions>, CareerKitOptionsValidator>();
        return services;
    }
}
