using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CareerKit.Hosting;
using Microsoft.Extensions.Options;

namespace CareerKit.Subscriptions;

/// <summary>What a link in an email lets its holder do. A token for one purpose never works for another.</summary>
public enum TokenPurpose
{
    Confirm,
    Unsubscribe,
    Preferences,
    Export,
    Erase,
    /// <summary>"Useful" / "Not for me" on one tip of one edition; bound to both, so it answers for nothing else.</summary>
    Feedback,
}

public enum TokenStatus
{
    Valid,
    Expired,
    Invalid,
}

/// <param name="Binding">The keyed hash of what else the link was bound to when issued; empty when nothing.</param>
/// <param name="Expires">When the link stops working (to the second).</param>
public readonly record struct TokenCheck(TokenStatus Status, string SubscriberId = "", string Binding = "", DateTimeOffset Expires = default)
{
    public bool IsValid => Status == TokenStatus.Valid;
}

/// <summary>
/// Signed, expiring capability tokens for email links: "payload.signature", both base64url, where the
/// payload is "v1|purpose|subscriber id|expiry (unix seconds)" and, for a link bound to more than the subscriber,
/// "|binding" (a keyed hash, so no personal data is in the link); the signature is HMAC-SHA256.
/// </summary>
public sealed class SubscriptionTokens(IOptions<CareerKitOptions> options, TimeProvider time)
{
    private const string Version = "v1";
    private readonly byte[] _key = KeyDerivation.Derive(options.Value.SigningKey, "careerkit/email-links");

    public static TimeSpan LifetimeOf(TokenPurpose purpose) => purpose switch
    {
        TokenPurpose.Confirm => TimeSpan.FromDays(3),
        // Unsubscribe links in old emails must keep working for a long time (RFC 8058 readers click late).
        TokenPurpose.Unsubscribe => TimeSpan.FromDays(400),
        TokenPurpose.Preferences => TimeSpan.FromDays(90),
        // Long enough to answer from an edition read weeks late; the answer can be changed for as long.
        TokenPurpose.Feedback => TimeSpan.FromDays(180),
        _ => TimeSpan.FromHours(24),
    };

    /// <param name="binding">What else the link is for (a confirmation link: the choices of the sign-up that sent it).</param>
    public string Issue(string subscriberId, TokenPurpose purpose, string? binding = null)
    {
        var expires = time.GetUtcNow().Add(LifetimeOf(purpose)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        string[] fields = binding is null ? [Version, Name(purpose), subscriberId, expires] : [Version, Name(purpose), subscriberId, expires, Tag(binding)];
        var payload = Encoding.UTF8.GetBytes(string.Join('|', fields));
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(Sign(payload))}";
    }

    /// <summary>Whether a checked token was issued bound to <paramref name="binding"/>.</summary>
    public bool IsBoundTo(TokenCheck check, string binding) =>
        check.Binding.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(check.Binding), Encoding.ASCII.GetBytes(Tag(binding)));

    public TokenCheck Check(string? token, TokenPurpose expected)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return new(TokenStatus.Invalid);
        }

        var dot = token.IndexOf('.');
        if (dot <= 0
            || !TryDecode(token.AsSpan(0, dot), out var payload)
            || !TryDecode(token.AsSpan(dot + 1), out var signature)
            || !CryptographicOperations.FixedTimeEquals(signature, Sign(payload)))
        {
            return new(TokenStatus.Invalid);
        }

        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts.Length is not (4 or 5) || parts[0] != Version || parts[1] != Name(expected)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return new(TokenStatus.Invalid);
        }

        return new(time.GetUtcNow().ToUnixTimeSeconds() > expires ? TokenStatus.Expired : TokenStatus.Valid, parts[2], parts.Length == 5 ? parts[4] : "", DateTimeOffset.FromUnixTimeSeconds(expires));
    }

    private byte[] Sign(ReadOnlySpan<byte> payload) => HMACSHA256.HashData(_key, payload);

    /// <summary>16 bytes of a keyed hash: enough to tell bindings apart, and it says nothing about the values.</summary>
    private string Tag(string binding) => Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("binding|" + binding)).AsSpan(0, 16));

    private static string Name(TokenPurpose purpose) => purpose.ToString().ToLowerInvariant();

    private static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        // Checked first: the decoder throws on characters outside the base64url alphabet.
        if (!Base64Url.IsValid(text, out var length))
        {
            bytes = [];
            return false;
        }

        bytes = new byte[length];
        return Base64Url.TryDecodeFromChars(text, bytes, out _);
    }
}
