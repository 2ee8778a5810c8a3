using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CareerKit.Storage;

namespace CareerKit.Editor;

/// <summary>An editor as listed: never the key, which exists only in the editor's hands.</summary>
public sealed record EditorAccount(string Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>
/// Personal editor keys, stored only as salted SHA-256 hashes in Table storage. A key is 256 random bits, so a
/// fast hash is enough (there is nothing to guess); comparison is in constant time.
/// </summary>
public sealed partial class EditorKeys(TableStorage storage, EditorSessions sessions, TimeProvider time)
{
    public const string TableName = "editors";
    private const string Partition = "editor";
    private const string KeyPrefix = "ckey_";

    /// <summary>Letters, digits, dot, dash and underscore; 1 to 40 characters.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <returns>The new key, to be shown once; null when the name is taken.</returns>
    public async Task<string?> AddAsync(string name, CancellationToken cancellationToken)
    {
        var key = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var salt = RandomNumberGenerator.GetBytes(16);
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, name.ToLowerInvariant())
            {
                ["Name"] = name,
                ["Salt"] = Convert.ToBase64String(salt),
                ["Hash"] = Convert.ToBase64String(Hash(salt, key)),
                ["CreatedAt"] = time.GetUtcNow(),
            }, cancellationToken);
            return key;
        }
        catch (RequestFailedException taken) when (taken.Status == 409)
        {
            return null;
        }
    }

    public async Task<List<EditorAccount>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var accounts = new List<EditorAccount>();
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == Partition, select: ["Name", "CreatedAt", "RevokedAt"], cancellationToken: cancellationToken))
        {
            accounts.Add(new EditorAccount(row.GetString("Name"), row.GetDateTimeOffset("CreatedAt") ?? default, row.GetDateTimeOffset("RevokedAt")));
        }

        return accounts;
    }

    /// <summary>Ends the key and then every session it opened (a sign-in racing with this checks again; see EditorSignIn).</summary>
    /// <returns>False when there is no active editor of that name.</returns>
    public async Task<bool> RevokeAsync(string name, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, name.ToLowerInvariant(), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return false;
        }

        if (row.Value!.GetDateTimeOffset("RevokedAt") is not null)
        {
            await sessions.EndAllAsync(name, cancellationToken); // In case an earlier revoke stopped before it ended them.
            return false;
        }

        await table.UpdateEntityAsync(new TableEntity(Partition, name.ToLowerInvariant()) { ["RevokedAt"] = time.GetUtcNow() }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        await sessions.EndAllAsync(name, cancellationToken);
        return true;
    }

    /// <returns>The active editor the key belongs to, or null.</returns>
    public async Task<string?> VerifyAsync(string? key, CancellationToken cancellationToken)
    {
        if (key is null || !key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key.Length > 100)
        {
            return null;
        }

        var table = await storage.GetTableAsync(TableName, cancellationToken);
        string? match = null;
        // Every editor is checked, whatever matches first, so the time taken says nothing about the key.
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            var expected = Convert.FromBase64String(row.GetString("Hash"));
            var actual = Hash(Convert.FromBase64String(row.GetString("Salt")), key);
            if (CryptographicOperations.FixedTimeEquals(expected, actual) && row.GetDateTimeOffset("RevokedAt") is null)
            {
                match = row.GetString("Name");
            }
        }

        return match;
    }

    /// <returns>True while the named editor exists and is not revoked.</returns>
    public async Task<bool> IsActiveAsync(string name, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, name.ToLowerInvariant(), select: ["RevokedAt"], cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetDateTimeOffset("RevokedAt") is null;
    }

    private static byte[] Hash(byte[] salt, string key) => SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(key)]);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._-]{1,40}$")]
    private static partial System.Text.RegularExpressions.Regex NamePattern();
}
