using System.Buffers.Text;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using CareerKit.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CareerKit.Editor;

/// <summary>
/// Editors' sign-in sessions, kept on the server (Table <c>editorsessions</c>, a partition per editor, a row per
/// session) as the cookie handler's session store: the cookie carries only the session's key. Signing out deletes the
/// row, so a copy of the cookie opens nothing afterwards, on any instance; revoking a key deletes all its rows. Each
/// request with a session reads its row once (a point read, no cache), so every instance sees a sign-out at once.
/// </summary>
public sealed class EditorSessions(TableStorage storage, TimeProvider time) : ITicketStore
{
    public const string TableName = "editorsessions";

    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var editor = Partition(ticket.Principal.Identity?.Name ?? throw new InvalidOperationException("A session needs the editor's name."));
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        await EndExpiredAsync(table, editor, cancellationToken);
        await table.AddEntityAsync(Row(editor, id, ticket), cancellationToken);
        return $"{editor}:{id}";
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        if (Parse(key) is (string editor, string id))
        {
            var table = await storage.GetTableAsync(TableName, cancellationToken);
            await table.UpsertEntityAsync(Row(editor, id, ticket), TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <returns>The session's ticket, or null when it was ended, has expired or never existed.</returns>
    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        if (Parse(key) is not (string editor, string id))
        {
            return null;
        }

        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(editor, id, cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetDateTimeOffset("ExpiresAt") > time.GetUtcNow()
            ? TicketSerializer.Default.Deserialize(row.Value.GetBinary("Ticket"))
            : null;
    }

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        if (Parse(key) is (string editor, string id))
        {
            var table = await storage.GetTableAsync(TableName, cancellationToken);
            await DeleteAsync(table, editor, id, cancellationToken);
        }
    }

    /// <summary>Ends every session of the editor: when their key is revoked.</summary>
    public async Task EndAllAsync(string editor, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(TableName, cancellationToken);
        var partition = Partition(editor);
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == partition, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            await DeleteAsync(table, partition, row.RowKey, cancellationToken);
        }
    }

    // The cookie handler calls the overloads with a token; these complete the interface.
    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    /// <summary>Expired rows are left by editors who never signed out; each sign-in clears its editor's.</summary>
    private async Task EndExpiredAsync(TableClient table, string editor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {editor} and ExpiresAt le {now}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            await DeleteAsync(table, editor, row.RowKey, cancellationToken);
        }
    }

    private static async Task DeleteAsync(TableClient table, string editor, string id, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(editor, id, ETag.All, cancellationToken);
        }
        catch (RequestFailedException gone) when (gone.Status == 404)
        {
            // Ended already, by another request or instance.
        }
    }

    private TableEntity Row(string editor, string id, AuthenticationTicket ticket) => new(editor, id)
    {
        ["Ticket"] = TicketSerializer.Default.Serialize(ticket),
        ["ExpiresAt"] = ticket.Properties.ExpiresUtc ?? time.GetUtcNow().Add(EditorAuthentication.SessionLength),
    };

    /// <summary>Editor names are letters, digits, dot, dash and underscore: a valid partition key, and never a colon.</summary>
    private static string Partition(string editor) => editor.ToLowerInvariant();

    private static (string Editor, string Id)? Parse(string key) =>
        key.Split(':') is [{ Length: > 0 } editor, { Length: > 0 } id] ? (editor, id) : null;
}
