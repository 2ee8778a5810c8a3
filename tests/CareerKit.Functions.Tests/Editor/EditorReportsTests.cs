using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CareerKit.Newsletter;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Editor;

/// <summary>What editors see of the list and of their editions: counts, the CSV export, the chart.</summary>
public sealed class EditorReportsTests : IAsyncLifetime
{
    private CareerKitApp _app = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        _app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:TablePrefix"] = $"rep{Guid.NewGuid():N}"[..14] });
        _key = await EditorBrowser.AddEditorAsync(_app, EditorBrowser.NewName());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task SeedAsync(string email, Track track, SubscriberStatus status, string? firstName = null)
    {
        var now = _app.Time.GetUtcNow();
        var subscriber = new Subscriber
        {
            Id = _app.Services.GetRequiredService<AddressHasher>().IdFor(email), Email = email, FirstName = firstName, Track = track, Status = status, CreatedAt = now, ConsentedAt = now,
        };
        await _app.Services.GetRequiredService<SubscriberStore>().TryAddAsync(status == SubscriberStatus.Erased ? subscriber.Erase(now) : subscriber, CancellationToken.None);
    }

    private HttpRequestMessage Get(string path) => new(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", _key) } };

    [Fact]
    public async Task Counts_are_per_track_and_status()
    {
        await SeedAsync(CareerKitApp.NewAddress(), Track.Ml, SubscriberStatus.Confirmed);
        await SeedAsync(CareerKitApp.NewAddress(), Track.Ml, SubscriberStatus.Confirmed);
        await SeedAsync(CareerKitApp.NewAddress(), Track.Ai, SubscriberStatus.Pending);
        await SeedAsync(CareerKitApp.NewAddress(), Track.Both, SubscriberStatus.Suppressed);

        var counts = await (await _app.Client.SendAsync(Get("/api/editor/subscribers"))).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(2, counts!["ml"]!["Confirmed"]!.GetValue<int>());
        Assert.Equal(1, counts["ai"]!["Pending"]!.GetValue<int>());
        Assert.Equal(1, counts["both"]!["Suppressed"]!.GetValue<int>());
        Assert.Equal(0, counts["ai"]!["Confirmed"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_export_is_a_csv_of_everyone_still_on_the_list_safe_to_open_in_a_spreadsheet()
    {
        var (kept, formula, erased) = (CareerKitApp.NewAddress("kept"), CareerKitApp.NewAddress("formula"), CareerKitApp.NewAddress("erased"));
        await SeedAsync(kept, Track.Ai, SubscriberStatus.Confirmed, "Ada, Jr.");
        await SeedAsync(formula, Track.Ml, SubscriberStatus.Unsubscribed, "=HYPERLINK(\"http://evil\")");
        await SeedAsync(erased, Track.Ml, SubscriberStatus.Erased);

        var response = await _app.Client.SendAsync(Get("/api/editor/subscribers.csv"));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal("email,first_name,track,status,consented_at,confirmed_at,consent_source", lines[0]);
        Assert.Contains(lines, line => line.StartsWith($"{kept},\"Ada, Jr.\",ai,confirmed,", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith($"{formula},\"'=HYPERLINK(\"\"http://evil\"\")\",ml,unsubscribed,", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("erased", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Client.GetAsync("/api/editor/subscribers.csv")).StatusCode);
        var audit = await _app.Services.GetRequiredService<CareerKit.Editor.AuditLog>().LatestAsync(10, CancellationToken.None);
        Assert.Contains(audit, entry => entry.Action == "exported subscribers" && entry.Detail == "2 rows");
    }

    [Fact]
    public async Task Signed_in_editors_see_the_counts_and_a_chart_of_the_latest_sent_editions()
    {
        await SeedAsync(CareerKitApp.NewAddress(), Track.Ml, SubscriberStatus.Confirmed);
        var sent = await StoredEditions.StoreAsync(_app, Track.Ml, 2130, queued: true);
        var events = _app.Services.GetRequiredService<EventRecorder>();
        foreach (var type in new[] { "delivered", "delivered", "open", "bounce" })
        {
            await events.RecordAsync(System.Text.Json.JsonDocument.Parse($$"""{ "event": "{{type}}", "sg_event_id": "{{Guid.NewGuid()}}", "edition_id": "{{sent.Id}}" }""").RootElement, CancellationToken.None);
        }

        using var editor = new EditorBrowser(_app);
        await editor.SignInAsync(_key);
        var home = await editor.Client.GetStringAsync("/editor");
        var subscribers = await editor.Client.GetStringAsync("/editor/subscribers");
        var export = await editor.Client.GetAsync("/editor/subscribers.csv");

        Assert.Contains("<svg", home);
        Assert.Contains($"<title>{sent.Id}: Delivered 2</title>", home);
        Assert.Contains($"<title>{sent.Id}: Bounced 1</title>", home);
        Assert.DoesNotContain("<script", home);
        Assert.Contains("<td>sent</td><td>1</td><td>2</td><td>1</td><td>1</td>", home); // Recipients, delivered, bounced, opened.
        Assert.Contains("<th scope=\"row\">ML engineer</th><td>0</td><td>1</td>", subscribers); // Pending 0, confirmed 1.
        Assert.Contains("href=\"/editor/subscribers.csv\"", subscribers);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType); // The page's export works with the session; the API's takes a key.
    }
}
