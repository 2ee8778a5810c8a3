using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace CareerKit.Storage;

/// <summary>
/// Tables of the app's storage account, created on first use. A table that storage loses later is made again by the
/// client (<see cref="RecreateMissing"/>), so what this remembers stays true.
/// </summary>
public sealed class TableStorage(TableServiceClient service, StorageNames names)
{
    private readonly Dictionary<string, Task<TableClient>> _tables = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public TableServiceClient Service { get; } = service;

    public Task<TableClient> GetTableAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_tables.TryGetValue(name, out var existing) && !existing.IsFaulted && !existing.IsCanceled)
            {
                return existing;
            }

            // A failed creation (storage down) is forgotten, so the next request tries again.
            var created = CreateAsync(name, cancellationToken);
            _tables[name] = created;
            return created;
        }
    }

    private async Task<TableClient> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var table = Service.GetTableClient(names.Table(name));
        await table.CreateIfNotExistsAsync(cancellationToken);
        return table;
    }
}

internal static class TableStorageRegistration
{
    public static IServiceCollection AddTableStorage(this IServiceCollection services)
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
