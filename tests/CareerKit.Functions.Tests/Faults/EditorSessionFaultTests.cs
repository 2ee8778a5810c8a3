using System.Net;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Faults;

/// <summary>Editors' sessions live in Table storage: while it is down a signed-in editor is told to wait, not signed out.</summary>
public sealed class EditorSessionFaultTests
{
    [Fact]
    public async Task While_storage_is_down_a_signed_in_editor_gets_503_and_is_still_signed_in_afterwards()
    {
        await using var storage = await FaultyStorage.InFrontOfAsync();
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storage.ConnectionString }, realClock: true);
        using var editor = new EditorBrowser(app);
        await editor.SignInAsync(await EditorBrowser.AddEditorAsync(app, EditorBrowser.NewName()));

        storage.Mode = FaultMode.Down;
        var duringOutage = await editor.Client.GetAsync("/editor/audit");
        storage.Mode = FaultMode.Up;
        var afterOutage = await editor.Client.GetAsync("/editor/audit");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage.StatusCode);
        Assert.NotNull(duringOutage.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, afterOutage.StatusCode);
    }
}
