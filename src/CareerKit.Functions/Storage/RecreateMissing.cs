using Azure.Core;
using Azure.Core.Pipeline;

namespace CareerKit.Storage;

/// <summary>
/// Storage that lost a table, container or queue the app had made (an emulator restarted empty, an account
/// recreated) answers 404 TableNotFound, ContainerNotFound or QueueNotFound, while the app remembers having made it.
/// This pipeline policy makes the missing one again and repeats the request once, so every call site heals,
/// whatever it cached.
/// </summary>
internal sealed class RecreateMissing(string errorCode) : HttpPipelinePolicy
{
    /// <summary>Makes the named table, container or queue; sync or async as the request that found it missing.</summary>
    public delegate ValueTask Create(string name, bool async, CancellationToken cancellationToken);

    private Uri? _service;
    private Create? _create;

    /// <summary>The missing names are read from request addresses under <paramref name="service"/>.</summary>
    public void Attach(Uri service, Create create) => (_service, _create) = (service, create);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (MissingName(message) is { } name)
        {
            await _create!(name, true, message.CancellationToken);
            await ProcessNextAsync(message, pipeline);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        if (MissingName(message) is { } name)
        {
            _create!(name, false, message.CancellationToken).GetAwaiter().GetResult(); // Completes synchronously.
            ProcessNext(message, pipeline);
        }
    }

    private string? MissingName(HttpMessage message)
    {
        if (!message.HasResponse || message.Response.Status != 404 || _service is null || !IsMissing(message))
        {
            return null;
        }

        // ".../account/name(PartitionKey=...)" for an entity, ".../account/name/blob" for a blob, ".../account/name/messages" for a queue.
        var servicePath = _service.AbsolutePath.TrimEnd('/') + "/";
        var path = message.Request.Uri.ToUri().AbsolutePath;
        if (!path.StartsWith(servicePath, StringComparison.Ordinal))
        {
            return null;
        }

        var name = path[servicePath.Length..].TrimStart('/').Split('/', '(')[0];
        return name.Length is >= 3 and <= 63 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? name : null;
    }

    /// <summary>Blob and queue services name the error in a header; the table service in its JSON body.</summary>
    private bool IsMissing(HttpMessage message) =>
        message.Response.Headers.TryGetValue("x-ms-error-code", out var code)
            ? code == errorCode
            : message.BufferResponse && message.Response.Content.ToString().Contains($"\"{errorCode}\"", StringComparison.Ordinal);
}
