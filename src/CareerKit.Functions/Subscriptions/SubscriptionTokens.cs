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
}

public enum TokenStatus
{
    Valid,
    Expired,
    Invalid,
}

public readonly record struct TokenCheck(TokenStatus Status, string SubscriberId = "")
{
    public bool IsValid => Status == TokenStatus.Valid;
}

/// <summary>
/// Signed, expiring capability tokens for email links: "payload.signature", both base64url, where the
/// payload is "v1|purpose|subscriber id|expiry (unix seconds)" and the signature is HMAC-SHA256.
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
        _ => TimeSpan.FromHours(24),
    };

    public string Issue(string subscriberId, TokenPurpose purpose)
    {
        var expires = time.GetUtcNow().Add(LifetimeOf(purpose)).ToUnixTimeSeconds();
        var payload = Encoding.UTF8.GetBytes(string.Join('|', Version, Name(purpose), subscriberId, expires.ToString(CultureInfo.InvariantCulture)));
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(Sign(payload))}";
    }

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
        if (parts.Length != 4 || parts[0] != Version || parts[1] != Name(expected)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return new(TokenStatus.Invalid);
        }

        return time.GetUtcNow().ToUnixTimeSeconds() > expires
            ? new(TokenStatus.Expired, parts[2])
            : new(TokenStatus.Valid, parts[2]);
    }

    private byte[] Sign(ReadOnlySpan<byte> payload) => HMACSHA256.HashData(_key, payload);

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
