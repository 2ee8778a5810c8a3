using Microsoft.Extensions.Options;

namespace CareerKit.Storage;

/// <summary>The storage account, named the way the Functions host names its own: AzureWebJobsStorage.</summary>
public sealed class StorageOptions
{
    public const string ConnectionSetting = "AzureWebJobsStorage";

    /// <summary>A connection string; "UseDevelopmentStorage=true" means Azurite on its default ports.</summary>
    public string ConnectionString { get; set; } = "";
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? ValidateOptionsResult.Fail($"{StorageOptions.ConnectionSetting} is not set: use \"UseDevelopmentStorage=true\" for Azurite, or a storage account connection string.")
            : ValidateOptionsResult.Success;
}
