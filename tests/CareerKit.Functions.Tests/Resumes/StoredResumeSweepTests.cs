using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using CareerKit.Resumes;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Resumes;

/// <summary>
/// Standalone, a sweep deletes tailored resumes whose link has expired (in Azure a Blob lifecycle rule does it).
/// Each test has its own Azurite: a sweep on a clock moved a day ahead would delete other tests' fresh resumes.
/// </summary>
public sealed class StoredResumeSweepTests
{
    [Fact]
    public async Task Standalone_a_stored_resume_is_deleted_once_its_link_has_expired_and_not_before()
    {
        using var storage = await Azurite.StartPrivateAsync();
        await using var app = await CareerKitApp.StartAsync(
            new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storage.ConnectionString, ["CareerKit:LocalScheduler"] = "true", ["CareerKit:StoragePrefix"] = "", [StoredResumeSweep.SweepSetting] = "true" }, // Storage of its own: no prefix needed.
            clockStart: new DateTimeOffset(2130, 5, 1, 10, 10, 0, TimeSpan.Zero)); // A Wednesday: no weekly edition on the way.
        var container = new BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(StoredResumes.ContainerName);
        var expiring = await StoreAsync(app);
        await app.TimerWaitingAsync(StoredResumeSweep.TimerName);

        app.Time.Advance(TimeSpan.FromHours(23));
        await SweptAsync(app, times: 1);
        Assert.True(await container.GetBlobClient(expiring).ExistsAsync(), "deleted before its link expired");

        var fresh = await StoreAsync(app);
        await app.TimerWaitingAsync(StoredResumeSweep.TimerName, times: 2);
        app.Time.Advance(TimeSpan.FromHours(2));
        await SweptAsync(app, times: 2);

        Assert.False(await container.GetBlobClient(expiring).ExistsAsync(), "kept after its link expired");
        Assert.True(await container.GetBlobClient(fresh).ExistsAsync(), "a resume whose link still works was deleted");
    }

    /// <returns>The blob's name in the container.</returns>
    private static async Task<string> StoreAsync(CareerKitApp app)
    {
        var response = await app.Client.PostAsync("/api/resumes/ml-engineer?store=true",
            new StringContent("""{ "basics": { "name": "Swept Person" } }""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var url = new Uri(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString()!);
        return new BlobUriBuilder(url).BlobName;
    }

    private static async Task SweptAsync(CareerKitApp app, int times)
    {
        static int Runs(CareerKitApp app) => app.Logs.Lines.Count(line => line.Contains($"Timer {StoredResumeSweep.TimerName} ran", StringComparison.Ordinal));
        for (var attempt = 0; attempt < 400 && Runs(app) < times; attempt++)
        {
            await Task.Delay(25);
        }

        Assert.Equal(times, Runs(app));
    }
}
