using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace CareerKit.Storage;

/// <summary>
/// The storage account, configured the way the Functions host configures its own (AzureWebJobsStorage): a connection
/// string locally (Azurite), or in Azure an account name and an identity: <c>AzureWebJobsStorage__accountName</c>,
/// <c>__credential</c> (<c>managedidentity</c>) and <c>__clientId</c> (a user-assigned identity), or
/// <c>__tableServiceUri</c>, <c>__blobServiceUri</c> and <c>__queueServiceUri</c> for other clouds.
/// </summary>
public sealed class StorageOptions
{
    public const string ConnectionSetting = "AzureWebJobsStorage";
    public const string PrefixSetting = "CareerKit:StoragePrefix";

    /// <summary>The prefix's first name, from when it covered tables only; still read when the new one is not set.</summary>
    public const string TablePrefixSetting = "CareerKit:TablePrefix";
    public const string TimeoutSetting = "CareerKit:StorageTimeoutSeconds";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A connection string; "UseDevelopmentStorage=true" means Azurite on its default ports.</summary>
    public string ConnectionString { get; set; } = "";

    public string AccountName { get; set; } = "";

    /// <summary>"managedidentity" for the app's managed identity only; otherwise DefaultAzureCredential (also a developer's az login).</summary>
    public string Credential { get; set; } = "";

    public string ClientId { get; set; } = "";

    public Uri? TableServiceUri { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    /// <summary>
    /// The installation's prefix (letters and digits): put before the name of every table, blob container and queue
    /// (see <see cref="StorageNames"/>), so several installations can share one account without sharing data.
    /// </summary>
    public string Prefix { get; set; } = "";

    /// <summary>
    /// How long one storage request may wait for an answer before it is tried again (twice) and then given up as an
    /// outage. Short, so a person gets a 503 in seconds rather than a page that hangs.
    /// </summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    public bool UsesIdentity => string.IsNullOrWhiteSpace(ConnectionString);

    public Uri ServiceUri(string service) => service switch
    {
        "table" => TableServiceUri,
        "blob" => BlobServiceUri,
        _ => QueueServiceUri,
    } ?? new Uri($"https://{AccountName}.{service}.core.windows.net/");

    public TokenCredential CreateCredential()
    {
        var clientId = string.IsNullOrWhiteSpace(ClientId) ? null : ClientId;
        return string.Equals(Credential, "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }

    public static StorageOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(ConnectionSetting);
        Uri? Endpoint(string key) => Uri.TryCreate(section[key], UriKind.Absolute, out var uri) ? uri : null;
        return new StorageOptions
        {
            ConnectionString = configuration[ConnectionSetting] ?? "",
            AccountName = section["accountName"] ?? "",
            Credential = section["credential"] ?? "",
            ClientId = section["clientId"] ?? "",
            TableServiceUri = Endpoint("tableServiceUri"),
            BlobServiceUri = Endpoint("blobServiceUri"),
            QueueServiceUri = Endpoint("queueServiceUri"),
            Prefix = configuration[PrefixSetting] is { Length: > 0 } prefix ? prefix : configuration[TablePrefixSetting] ?? "",
            Timeout = configuration[TimeoutSetting] is { Length: > 0 } timeout
                // What is not a number becomes 0, which the validator refuses with a message that names the setting.
                ? TimeSpan.FromSeconds(int.TryParse(timeout, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : 0)
                : DefaultTimeout,
        };
    }
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (options.UsesIdentity && string.IsNullOrWhiteSpace(options.AccountName) && (options.TableServiceUri is null || options.BlobServiceUri is null || options.QueueServiceUri is null))
        {
            return ValidateOptionsResult.Fail($"{StorageOptions.ConnectionSetting} is not set: use \"UseDevelopmentStorage=true\" for Azurite, a storage account connection string, " +
                $"or {StorageOptions.ConnectionSetting}__accountName (with {StorageOptions.ConnectionSetting}__credential=managedidentity) for an identity.");
        }

        if (options.UsesIdentity && options.AccountName.Length > 0 && (options.AccountName.Length is < 3 or > 24 || !options.AccountName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))))
        {
            return ValidateOptionsResult.Fail($"{StorageOptions.ConnectionSetting}__accountName must be a storage account name: 3 to 24 lower-case letters and digits.");
        }

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(2))
        {
            return ValidateOptionsResult.Fail($"{StorageOptions.TimeoutSetting} must be a whole number of seconds from 1 to 120.");
        }

        return options.Prefix.Length > StorageNames.MaxPrefixLength || !options.Prefix.All(char.IsAsciiLetterOrDigit) || (options.Prefix.Length > 0 && !char.IsAsciiLetter(options.Prefix[0]))
            ? ValidateOptionsResult.Fail($"{StorageOptions.PrefixSetting} (or {StorageOptions.TablePrefixSetting}) must be up to {StorageNames.MaxPrefixLength} letters and digits, starting with a letter.")
            : ValidateOptionsResult.Success;
    }
}
