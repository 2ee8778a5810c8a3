using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace CareerKit.Storage;

/// <summary>Clients of the app's storage account, by connection string or by account name and identity (one credential, shared).</summary>
public sealed class StorageClients(IOptions<StorageOptions> options)
{
    private readonly Lazy<TokenCredential> _credential = new(() => options.Value.CreateCredential());

    public TableServiceClient Tables(TableClientOptions clientOptions) =>
        options.Value.UsesIdentity
            ? new TableServiceClient(options.Value.ServiceUri("table"), _credential.Value, clientOptions)
            : new TableServiceClient(options.Value.ConnectionString, clientOptions);

    public BlobServiceClient Blobs(BlobClientOptions clientOptions) =>
        options.Value.UsesIdentity
            ? new BlobServiceClient(options.Value.ServiceUri("blob"), _credential.Value, clientOptions)
            : new BlobServiceClient(options.Value.ConnectionString, clientOptions);

    public QueueClient Queue(string name, QueueClientOptions clientOptions) =>
        options.Value.UsesIdentity
            ? new QueueClient(new Uri(options.Value.ServiceUri("queue"), name), _credential.Value, clientOptions)
            : new QueueClient(options.Value.ConnectionString, name, clientOptions);
}
