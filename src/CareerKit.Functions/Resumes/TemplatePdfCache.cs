using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure;
using CareerKit.Storage;
using CareerKit.Pdf.Document;

namespace CareerKit.Resumes;

/// <summary>
/// Template PDFs, rendered once per template version and paper, stored in Blob storage under their content
/// key, and kept in memory after the first read. Any instance can serve them; none renders twice for long.
/// </summary>
public sealed class TemplatePdfCache(BlobContainers containers, ResumeRenderer renderer)
{
    public const string ContainerName = "resume-templates";
    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> _memory = new(StringComparer.Ordinal);

    public static string KeyOf(ResumeTemplate template, Paper paper) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{template.ContentHash}|{paper}|{ResumeRenderer.LayoutVersion}")))[..32];

    public async Task<(byte[] Pdf, string Key)> GetAsync(ResumeTemplate template, Paper paper, CancellationToken cancellationToken)
    {
        var key = KeyOf(template, paper);
        var entry = _memory.GetOrAdd(key, _ => new Lazy<Task<byte[]>>(() => LoadOrRenderAsync(template, paper, key)));
        try
        {
            return (await entry.Value.WaitAsync(cancellationToken), key);
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            _memory.TryRemove(key, out _); // Storage was down: try again on the next request.
            throw;
        }
    }

    private async Task<byte[]> LoadOrRenderAsync(ResumeTemplate template, Paper paper, string key)
    {
        var container = containers.Get(ContainerName);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient($"{template.Track.ResumeSlug()}/{key}.pdf");
        try
        {
            var stored = await blob.DownloadContentAsync();
            return stored.Value.Content.ToArray();
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            // The template's own document, guidance and all, laid out as a tailored resume is: key skills first.
            var pdf = renderer.Render(ResumeTailor.Tailor(template.Document, template), template, paper).Pdf;
            try
            {
                await blob.UploadAsync(BinaryData.FromBytes(pdf), overwrite: false);
            }
            catch (RequestFailedException exists) when (exists.Status == 409)
            {
                // Another instance stored the same bytes first.
            }

            return pdf;
        }
    }
}
