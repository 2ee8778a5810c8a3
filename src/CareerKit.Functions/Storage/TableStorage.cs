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
