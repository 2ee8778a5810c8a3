using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using CareerKit.Storage;

namespace CareerKit.Resumes;

/// <summary>
/// Tailored PDFs a reader asked to keep: in a private container, reachable only through a read-only link
/// that expires after <see cref="LinkLifetime"/>. Nobody can reach one after that, so it is deleted: in Azure by a Blob
/// lifecycle rule (infra/main.bicep), standalone by <see cref="StoredResumeSweep"/>.
/// </summary>
public sealed class StoredResumes(BlobContainers containers, TimeProvider time)
{
    public const string ContainerName = "tailored-resumes";
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);
    private const string ExpiresAtKey = "expiresat";

    public async Task<(Uri Link, DateTimeOffset ExpiresAt)> StoreAsync(byte[] pdf, Track track, CancellationToken cancellationToken)
    {
        var container = containers.Get(ContainerName);
        await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        var blob = container.GetBlobClient($"{track.ResumeSlug()}/{Guid.NewGuid():N}.pdf");
        var expiresAt = time.GetUtcNow().Add(LinkLifetime);
        await blob.UploadAsync(BinaryData.FromBytes(pdf), new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { [ExpiresAtKey] = expiresAt.ToString("O", CultureInfo.InvariantCulture) },
        }, cancellationToken);

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
        var key = await containers.Service.GetUserDelegationKeyAsync(time.GetUtcNow().AddMinutes(-5), expiresAt, cancellationToken);
        var query = sas.ToSasQueryParameters(key.Value, containers.Service.AccountName);
        return (new BlobUriBuilder(blob.Uri) { Sas = query }.ToUri(), expiresAt);
    }

    /// <summary>Deletes the resumes whose link has expired.</summary>
    /// <returns>How many it deleted.</returns>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var container = containers.Get(ContainerName);
        if (!await container.ExistsAsync(cancellationToken))
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var deleted = 0;
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken))
        {
            if (ExpiresAt(blob) < now && (await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken)).Value)
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>The link's expiry, stamped at upload; a blob stored before the stamp existed expires a day after its creation.</summary>
    private static DateTimeOffset ExpiresAt(BlobItem blob) =>
        blob.Metadata.TryGetValue(ExpiresAtKey, out var stamp) && DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expiresAt)
            ? expiresAt
            : blob.Properties.CreatedOn + LinkLifetime ?? DateTimeOffset.MaxValue;
}
