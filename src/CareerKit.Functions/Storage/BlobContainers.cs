using Azure.Storage.Blobs;

namespace CareerKit.Storage;

/// <summary>The installation's blob containers: every container is named by <see cref="StorageNames"/>.</summary>
public sealed class BlobContainers(BlobServiceClient service, StorageNames names)
{
    /// <summary>The account's blob service, for what is not one container's (a user delegation key).</summary>
    public BlobServiceClient Service { get; } = service;

    /// <param name="name">The container's plain name; the installation's prefix is put in front.</param>
    public BlobContainerClient Get(string name) => Service.GetBlobContainerClient(names.Container(name));
}
