using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace CareerKit.Storage;

/// <summary>
/// Clients of the app's storage account, by connection string or by account name and identity (one credential,
/// shared). Every client gives up on a request after the configured timeout, and makes again a table, container or
/// queue that storage lost (<see cref="RecreateMissing"/>).
/// </summary>
public sealed class StorageClients(IOptions<StorageOptions> options)
{
    private readonly Lazy<TokenCredential> _credential = new(() => options.Value.CreateCredential());

    public TableServiceClient Tables(TableClientOptions clientOptions)
    {
        var recreate = Prepare(clientOptions, "TableNotFound");
        var client = options.Value.UsesIdentity
            ? new TableServiceClient(options.Value.ServiceUri("table"), _credential.Value, clientOptions)
            : new TableServiceClient(options.Value.ConnectionString, clientOptions);
        recreate.Attach(client.Uri, async (name, async, cancellationToken) =>
        {
            if (async)
            {
                await client.CreateTableIfNotExistsAsync(name, cancellationToken);
            }
            else
            {
                client.CreateTableIfNotExists(name, cancellationToken);
            }
        });
        return client;
    }

    public BlobServiceClient Blobs(BlobClientOptions clientOptions)
    {
        var recreate = Prepare(clientOptions, "ContainerNotFound");
        var client = options.Value.UsesIdentity
            ? new BlobServiceClient(options.Value.ServiceUri("blob"), _credential.Value, clientOptions)
            : new BlobServiceClient(options.Value.ConnectionString, clientOptions);
        recreate.Attach(client.Uri, async (name, async, cancellationToken) =>
        {
            var container = client.GetBlobContainerClient(name);
            if (async)
            {
                await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
            else
            {
                container.CreateIfNotExists(cancellationToken: cancellationToken);
            }
        });
        return client;
    }

    public QueueClient Queue(string name, QueueClientOptions clientOptions)
    {
        var recreate = Prepare(clientOptions, "QueueNotFound");
        var client = options.Value.UsesIdentity
            ? new QueueClient(new Uri(options.Value.ServiceUri("queue"), name), _credential.Value, clientOptions)
            : new QueueClient(options.Value.ConnectionString, name, clientOptions);
        recreate.Attach(new Uri(client.Uri, "."), async (_, async, cancellationToken) =>
        {
            if (async)
            {
                await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
            else
            {
                client.CreateIfNotExists(cancellationToken: cancellationToken);
            }
        });
        return client;
    }

    private RecreateMissing Prepare(ClientOptions clientOptions, string missingCode)
    {
        clientOptions.Retry.NetworkTimeout = options.Value.Timeout;
        var recreate = new RecreateMissing(missingCode);
        // Per call, around the retries: the repeated request gets its own.
        clientOptions.AddPolicy(recreate, HttpPipelinePosition.PerCall);
        return recreate;
    }
}
