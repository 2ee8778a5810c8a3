using Azure.Identity;
using CareerKit.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CareerKit.Tests.Hosting;

/// <summary>
/// Storage by connection string (Azurite) or by account name and identity, named as the Functions host names its own
/// storage settings. Azure itself is out of reach here, so these check the clients' addresses and the settings' checks.
/// </summary>
public sealed class StorageIdentityTests
{
    private static StorageOptions Read(params (string Key, string Value)[] settings) =>
        StorageOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value))).Build());

    [Fact]
    public void An_account_name_with_managed_identity_gives_clients_of_that_account_over_https()
    {
        var options = Read(("AzureWebJobsStorage:accountName", "careerkitdata"), ("AzureWebJobsStorage:credential", "managedidentity"), ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001"));
        var clients = new StorageClients(Options.Create(options));

        Assert.True(options.UsesIdentity);
        Assert.IsType<ManagedIdentityCredential>(options.CreateCredential());
        Assert.Equal("https://careerkitdata.table.core.windows.net/", clients.Tables(new()).Uri.AbsoluteUri);
        Assert.Equal("https://careerkitdata.blob.core.windows.net/", clients.Blobs(new()).Uri.AbsoluteUri);
        Assert.Equal("https://careerkitdata.queue.core.windows.net/send-batches", clients.Queue("send-batches", new()).Uri.AbsoluteUri);
        Assert.True(new StorageOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Without_the_credential_setting_DefaultAzureCredential_is_used_and_service_uris_can_be_given()
    {
        var options = Read(("AzureWebJobsStorage:tableServiceUri", "https://data.table.core.chinacloudapi.cn"), ("AzureWebJobsStorage:blobServiceUri", "https://data.blob.core.chinacloudapi.cn"),
            ("AzureWebJobsStorage:queueServiceUri", "https://data.queue.core.chinacloudapi.cn"));

        Assert.IsType<DefaultAzureCredential>(options.CreateCredential());
        Assert.Equal("data.table.core.chinacloudapi.cn", new StorageClients(Options.Create(options)).Tables(new()).Uri.Host);
        Assert.True(new StorageOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_connection_string_wins_and_uses_no_identity()
    {
        var options = Read(("AzureWebJobsStorage", "UseDevelopmentStorage=true"));

        Assert.False(options.UsesIdentity);
        Assert.Equal(10002, new StorageClients(Options.Create(options)).Tables(new()).Uri.Port); // Azurite's table port.
    }

    [Theory]
    [InlineData(null, "AzureWebJobsStorage is not set")]
    [InlineData("Career_Kit", "must be a storage account name")]
    public void Missing_or_malformed_storage_settings_stop_the_app_with_a_message_naming_them(string? accountName, string expected)
    {
        var options = accountName is null ? Read() : Read(("AzureWebJobsStorage:accountName", accountName));

        var result = new StorageOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }
}
