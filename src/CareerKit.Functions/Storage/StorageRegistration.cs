using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace CareerKit.Storage;

internal static class StorageRegistration
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                var read = StorageOptions.From(configuration);
                (options.ConnectionString, options.AccountName, options.Credential, options.ClientId) = (read.ConnectionString, read.AccountName, read.Credential, read.ClientId);
                (options.TableServiceUri, options.BlobServiceUri, options.QueueServiceUri, options.Prefix) = (read.TableServiceUri, read.BlobServiceUri, read.QueueServiceUri, read.Prefix);
                options.Timeout = read.Timeout;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<StorageClients>();
        services.AddSingleton(provider => new StorageNames(provider.GetRequiredService<IOptions<StorageOptions>>().Value.Prefix));
        services.AddSingleton(provider => provider.GetRequiredService<StorageClients>().Tables(ClientOptions()));
        services.AddSingleton<TableStorage>();
        services.AddSingleton(provider =>
        {
            var blobOptions = new Azure.Storage.Blobs.BlobClientOptions();
            blobOptions.Retry.MaxRetries = 2;
            blobOptions.Retry.Delay = TimeSpan.FromMilliseconds(100);
            return provider.GetRequiredService<StorageClients>().Blobs(blobOptions);
        });
        services.AddSingleton<BlobContainers>();
        return services;
    }

    /// <summary>Fail fast when storage is down, so a request answers 503 in seconds rather than hanging (the timeout is a setting).</summary>
    private static TableClientOptions ClientOptions()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        return options;
    }
}
