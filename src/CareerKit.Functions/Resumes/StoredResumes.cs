using Azure.Storage.Blobs;
using Azure.Storage.Sas;

namespace CareerKit.Resumes;

/// <summary>
/// Tailored PDFs a reader asked to keep: in a private container, reachable only through a read-only link
/// that expires after <see cref="LinkLifetime"/>.
/// </summary>
public sealed class StoredResumes(BlobServiceClient blobs, TimeProvider time)
{
    public const string ContainerName = "tailored-resumes";
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);

    public async Task<(Uri Link, DateTimeOffset ExpiresAt)> StoreAsync(byte[] pdf, string track, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(ContainerName);
        await container.CreateIfNotExistsAsync(Azure.Storage.Blobs.Models.PublicAccessType.None, cancellationToken: cancellationToken);
        var blob = container.GetBlobClient($"{track}/{Guid.NewGuid():N}.pdf");
        await blob.UploadAsync(BinaryData.FromBytes(pdf), cancellationToken);

        var expiresAt = time.GetUtcNow().Add(LinkLifetime);
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresAt)
        {
            BlobContainerName = container.Name,
            BlobName = blob.Name,
            Resource = "b",
            ContentDisposition = $"attachment; filename=\"careerkit-{track}-resume.pdf\"",
        };
        if (blob.CanGenerateSasUri)
        {
            return (blob.GenerateSasUri(sas), expiresAt); // Account key (Azurite, connection strings).
        }

        // Managed identity: sign with a user delegation key instead of an account key.
        var key = await blobs.GetUserDelegationKeyAsync(time.GetUtcNow().AddMinutes(-5), expiresAt, cancellationToken);
        var query = sas.ToSasQueryParameters(key.Value, blobs.AccountName);
        return (new BlobUriBuilder(blob.Uri) { Sas = query }.ToUri(), expiresAt);
    }
}
