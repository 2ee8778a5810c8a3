using System.Text.Json.Nodes;
using CareerKit.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace CareerKit.Resumes.Import;

/// <summary>
/// <c>POST /api/resumes/import</c>: a PDF or DOCX resume, as the multipart field <c>file</c> or as the raw body with its
/// content type, answered with a JSON Resume document and the doubts the reader should check.
/// </summary>
public static class ResumeImportEndpoint
{
    public const string FileField = "file";

    /// <summary>The file and the multipart framing around it.</summary>
    public const long MaxRequestBytes = ResumeImporter.MaxUploadBytes + 64 * 1024;

    private static readonly HashSet<string> RawTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/octet-stream",
    };

    public static async Task<IResult> ImportAsync(HttpRequest request, ResumeImporter importer, PdfRenderSlots slots, CancellationToken cancellationToken)
    {
        RequestLimits.AllowBody(request.HttpContext, MaxRequestBytes);
        try
        {
            var file = await UploadAsync(request, cancellationToken);
            ImportedResume imported;
            using (await slots.EnterAsync(cancellationToken)) // Parsing costs what a render costs: the same bound on how many at once.
            {
                imported = await importer.ImportAsync(file, cancellationToken);
            }

            return TypedResults.Ok(new { resume = JsonNode.Parse(ResumeJson.Write(imported.Resume)), doubts = imported.Doubts });
        }
        catch (ResumeImportException refused)
        {
            return TypedResults.Problem(statusCode: refused.Status, title: refused.Title, detail: refused.Detail);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var answer = ResumeImporter.TooLarge();
            return TypedResults.Problem(statusCode: answer.Status, title: answer.Title, detail: answer.Detail);
        }
    }

    /// <summary>The uploaded file's bytes, held in memory only (a multipart file is never buffered to disk).</summary>
    private static async Task<byte[]> UploadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            if (request.ContentLength > MaxRequestBytes)
            {
                throw ResumeImporter.TooLarge();
            }

            var form = await FormBody.ReadAsync(request, new FormOptions
            {
                MultipartBodyLengthLimit = MaxRequestBytes,
                MemoryBufferThreshold = (int)MaxRequestBytes,
                ValueCountLimit = 16,
            }, cancellationToken);
            if (form.Files.GetFile(FileField) is not { } upload)
            {
                throw new ResumeImportException(StatusCodes.Status400BadRequest, "No file was uploaded.",
                    $"Send the resume as the multipart field \"{FileField}\", or as the request body with its content type (application/pdf or the DOCX type).");
            }

            if (upload.Length > ResumeImporter.MaxUploadBytes)
            {
                throw ResumeImporter.TooLarge();
            }

            using var copy = new MemoryStream((int)upload.Length);
            await upload.CopyToAsync(copy, cancellationToken);
            return copy.ToArray();
        }

        if (request.ContentType is not { } type || !RawTypes.Contains(type.Split(';')[0].Trim()))
        {
            throw new ResumeImportException(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type.",
                "Send a PDF or DOCX resume as multipart/form-data (field \"file\"), or as the body with the content type application/pdf or application/vnd.openxmlformats-officedocument.wordprocessingml.document.");
        }

        if (request.ContentLength > ResumeImporter.MaxUploadBytes)
        {
            throw ResumeImporter.TooLarge();
        }

        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > ResumeImporter.MaxUploadBytes)
            {
                throw ResumeImporter.TooLarge(); // A chunked body without a length: counted as it arrives.
            }

            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }
}
