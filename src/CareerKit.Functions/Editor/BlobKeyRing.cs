using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using CareerKit.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CareerKit.Editor;

/// <summary>
/// The Data Protection key ring (which protects session cookies and antiforgery tokens) in Blob storage, so
/// every instance of the app reads the same keys and a restart does not sign editors out. (Microsoft's own
/// Blob provider is not served by our package source; this is the small part of it we need.)
/// </summary>
public sealed class BlobKeyRing(BlobContainers containers) : IXmlRepository
{
    public const string ContainerName = "dataprotection";
    private const string BlobName = "keys.xml";

    public IReadOnlyCollection<XElement> GetAllElements() => [.. Read().Document.Root!.Elements()];

    public void StoreElement(XElement element, string friendlyName)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var (document, etag) = Read();
            document.Root!.Add(element);
            var conditions = etag is { } current ? new Azure.Storage.Blobs.Models.BlobRequestConditions { IfMatch = current } : new Azure.Storage.Blobs.Models.BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                Blob().Upload(BinaryData.FromString(document.ToString(SaveOptions.DisableFormatting)), new Azure.Storage.Blobs.Models.BlobUploadOptions { Conditions = conditions });
                return;
            }
            catch (RequestFailedException raced) when (raced.Status is 409 or 412)
            {
                // Another instance added a key at the same moment: read again and add ours to theirs.
            }
        }

        throw new InvalidOperationException("The data protection key ring kept changing while a key was added.");
    }

    private (XDocument Document, ETag? ETag) Read()
    {
        var blob = Blob();
        try
        {
            var content = blob.DownloadContent();
            return (XDocument.Parse(content.Value.Content.ToString()), content.Value.Details.ETag);
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            return (new XDocument(new XElement("repository")), null);
        }
    }

    private BlobClient Blob()
    {
        var container = containers.Get(ContainerName);
        container.CreateIfNotExists();
        return container.GetBlobClient(BlobName);
    }
}
