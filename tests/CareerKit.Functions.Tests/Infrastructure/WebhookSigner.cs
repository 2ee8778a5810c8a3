using System.Security.Cryptography;
using System.Text;
using CareerKit.Newsletter;

namespace CareerKit.Tests.Infrastructure;

/// <summary>Signs event webhook deliveries as SendGrid does, with a key pair generated for the test.</summary>
public sealed class WebhookSigner : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The SendGrid:WebhookPublicKey setting that verifies this signer's deliveries.</summary>
    public string PublicKey => Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo());

    public HttpRequestMessage Request(string body, DateTimeOffset signedAt, string? sentBody = null)
    {
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new StringContent(sentBody ?? body, Encoding.UTF8, "application/json") };
        request.Headers.Add(EventWebhook.SignatureHeader, signature);
        request.Headers.Add(EventWebhook.TimestampHeader, timestamp);
        return request;
    }

    public void Dispose() => _key.Dispose();
}
