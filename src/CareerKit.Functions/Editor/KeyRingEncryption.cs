using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace CareerKit.Editor;

/// <summary>
/// <c>CareerKit:DataProtectionCertificate</c>: a certificate with its private key (PKCS#12/PFX, no password, base64)
/// that encrypts every Data Protection key before <see cref="BlobKeyRing"/> stores it, so whoever can read the blob
/// cannot forge editors' sessions. In Azure it is a Key Vault secret the app setting references; locally it is unset
/// and keys are stored as they are.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Setting = "CareerKit:DataProtectionCertificate";

    public string? DataProtectionCertificate { get; set; }

    /// <returns>The certificate, or null with the reason it cannot be used (both null when none is configured).</returns>
    public static (X509Certificate2? Certificate, string? Problem) Load(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return (null, null);
        }

        const string expected = "a PKCS#12 (PFX) certificate with its private key and no password, base64-encoded";
        byte[] pfx;
        try
        {
            pfx = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            return (null, $"{Setting} is not base64: it must be {expected}.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12(pfx, password: null);
        }
        catch (CryptographicException)
        {
            return (null, $"{Setting} is not a PKCS#12 (PFX) certificate that opens without a password: it must be {expected}.");
        }

        // Data Protection encrypts each key to the certificate's RSA key and needs the private half to read it back.
        var problem = !certificate.HasPrivateKey ? $"{Setting} has no private key: it must be {expected}."
            : certificate.GetRSAPublicKey() is null ? $"{Setting} must hold an RSA key." : null;
        if (problem is not null)
        {
            certificate.Dispose();
            return (null, problem);
        }

        return (certificate, null);
    }
}

internal sealed class KeyRingOptionsValidator : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
    {
        var (certificate, problem) = KeyRingOptions.Load(options.DataProtectionCertificate);
        certificate?.Dispose();
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }
}

internal static class KeyRingEncryption
{
    /// <summary>
    /// ProtectKeysWithCertificate takes the certificate itself, so the setting is read while services are registered;
    /// a value that cannot be used leaves the keys unprotected here and stops the start through the validator.
    /// </summary>
    public static IServiceCollection AddKeyRingEncryption(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KeyRingOptions>().BindConfiguration(Hosting.CareerKitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyRingOptions>, KeyRingOptionsValidator>();
        if (KeyRingOptions.Load(configuration[KeyRingOptions.Setting]).Certificate is { } certificate)
        {
            services.AddDataProtection().ProtectKeysWithCertificate(certificate);
        }

        return services;
    }
}
