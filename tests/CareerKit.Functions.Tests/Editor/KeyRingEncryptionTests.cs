using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Storage.Blobs;
using CareerKit.Editor;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace CareerKit.Tests.Editor;

/// <summary>
/// With a certificate configured (in Azure: a Key Vault secret), the Data Protection keys that sign editors' sessions
/// are stored encrypted in Blob storage. Each test has its own Azurite: an encrypted key in the shared key ring
/// would be unreadable to every other test's app.
/// </summary>
public sealed class KeyRingEncryptionTests
{
    private const string Setting = "CareerKit:DataProtectionCertificate";

    [Fact]
    public async Task With_a_certificate_the_key_ring_holds_no_plain_key_and_sessions_survive_a_restart()
    {
        using var storage = await Azurite.StartPrivateAsync();
        var settings = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storage.ConnectionString, [Setting] = NewCertificate() };
        string cookie;
        await using (var app = await CareerKitApp.StartAsync(settings, realClock: true))
        {
            using var editor = new EditorBrowser(app);
            var signedIn = await editor.SignInAsync(await EditorBrowser.AddEditorAsync(app, EditorBrowser.NewName()));
            cookie = signedIn.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith("careerkit-editor=", StringComparison.Ordinal)).Split(';')[0];
        }

        var ring = await KeyRingAsync(storage);
        Assert.Contains("<key ", ring);
        Assert.Contains("EncryptedData", ring);
        Assert.DoesNotContain("masterKey", ring);

        await using var restarted = await CareerKitApp.StartAsync(settings, realClock: true);
        Assert.Equal(HttpStatusCode.OK, (await GetEditorHomeAsync(restarted, cookie)).StatusCode);

        // And the certificate is what reads it: an app without it cannot use the session.
        await using var withoutCertificate = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storage.ConnectionString }, realClock: true);
        Assert.Equal(HttpStatusCode.Redirect, (await GetEditorHomeAsync(withoutCertificate, cookie)).StatusCode);
    }

    [Fact]
    public async Task Without_a_certificate_the_key_ring_stays_as_it_was()
    {
        using var storage = await Azurite.StartPrivateAsync();
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storage.ConnectionString }, realClock: true);
        using var editor = new EditorBrowser(app);

        await editor.SignInAsync(await EditorBrowser.AddEditorAsync(app, EditorBrowser.NewName()));

        Assert.Contains("masterKey", await KeyRingAsync(storage));
    }

    [Theory]
    [InlineData("not base64 at all", "is not base64")]
    [InlineData("AAAA", "is not a PKCS#12 (PFX) certificate")]
    public async Task A_certificate_setting_that_cannot_be_used_stops_the_start_with_a_message_naming_it(string value, string message)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => CareerKitApp.StartAsync(new Dictionary<string, string?> { [Setting] = value }));

        var messages = failure is AggregateException aggregate ? string.Join(" ", aggregate.Flatten().InnerExceptions.Select(e => e.Message)) : failure.Message;
        Assert.IsType<OptionsValidationException>(failure is AggregateException a ? a.Flatten().InnerExceptions[0] : failure);
        Assert.Contains(Setting, messages);
        Assert.Contains(message, messages);
    }

    [Fact]
    public async Task A_certificate_without_its_private_key_stops_the_start()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=CareerKit test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
        var value = Convert.ToBase64String(publicOnly.Export(X509ContentType.Pkcs12));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => CareerKitApp.StartAsync(new Dictionary<string, string?> { [Setting] = value }));

        Assert.Contains("has no private key", failure is AggregateException aggregate ? string.Join(" ", aggregate.Flatten().InnerExceptions.Select(e => e.Message)) : failure.Message);
    }

    /// <summary>A self-signed certificate as a base64 PFX without a password: what the Key Vault secret holds.</summary>
    public static string NewCertificate()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=CareerKit test data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Pfx));
    }

    private static async Task<string> KeyRingAsync(Azurite storage) =>
        (await new BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(BlobKeyRing.ContainerName).GetBlobClient("keys.xml").DownloadContentAsync()).Value.Content.ToString();

    private static async Task<HttpResponseMessage> GetEditorHomeAsync(CareerKitApp app, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/editor");
        request.Headers.Add("Cookie", cookie);
        return await app.Client.SendAsync(request);
    }
}
