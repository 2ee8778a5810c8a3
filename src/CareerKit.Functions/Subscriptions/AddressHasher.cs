using System.Security.Cryptography;
using System.Text;
using CareerKit.Hosting;
using Microsoft.Extensions.Options;

namespace CareerKit.Subscriptions;

/// <summary>
/// The subscriber id: a keyed (salted) SHA-256 hash of the normalised address. Storage never needs the
/// address to find a subscriber, and an erased subscriber is remembered by this hash alone.
/// </summary>
public sealed class AddressHasher(IOptions<CareerKitOptions> options)
{
    private readonly byte[] _key = KeyDerivation.Derive(options.Value.SigningKey, "careerkit/address-id");

    public string IdFor(string normalizedEmail) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(normalizedEmail)))[..32];
}

/// <summary>Separate keys for separate uses, all from the one configured signing key.</summary>
internal static class KeyDerivation
{
    public static byte[] Derive(string secret, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, info: Encoding.UTF8.GetBytes(purpose));
}
