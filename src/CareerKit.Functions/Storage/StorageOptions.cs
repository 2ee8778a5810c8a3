using Microsoft.Extensions.Options;

namespace CareerKit.Storage;

/// <summary>The storage account, named the way the Functions host names its own: AzureWebJobsStorage.</summary>
public sealed class StorageOptions
{
    public const string ConnectionSetting = "AzureWebJobsStorage";
    public const string TablePrefixSetting = "CareerKit:TablePrefix";

    /// <summary>A connection string; "UseDevelopmentStorage=true" means Azurite on its default ports.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Put before every table name (letters and digits), so several installations can share one account.</summary>
    public string TablePrefix { get; set; } = "";
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? ValidateOptionsResult.Fail($"{StorageOptions.ConnectionSetting} is not set: use \"UseDevelopmentStorage=true\" for Azurite, or a storage account connection string.")
            : options.TablePrefix.Length > 20 || !options.TablePrefix.All(char.IsAsciiLetterOrDigit) || (options.TablePrefix.Length > 0 && !char.IsAsciiLetter(options.TablePrefix[0]))
                ? ValidateOptionsResult.Fail($"{StorageOptions.TablePrefixSetting} must be up to 20 letters and digits, starting with a letter.")
                : ValidateOptionsResult.Success;
}
