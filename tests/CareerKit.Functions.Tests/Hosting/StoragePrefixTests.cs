using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using CareerKit.Editor;
using CareerKit.Newsletter;
using CareerKit.Resumes;
using CareerKit.Storage;
using CareerKit.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareerKit.Tests.Hosting;

/// <summary>
/// The installation prefix covers tables, blob containers and queues: two installations (or two test apps) on one
/// storage account never see each other's editions, stored resumes, template PDFs, Data Protection keys or send
/// batches. Without a prefix every name is the plain one it always was, so existing data keeps working.
/// </summary>
public sealed class StoragePrefixTests
{
    [Fact]
    public async Task Two_installations_with_different_prefixes_on_one_account_share_no_blob_and_no_queue_message()
    {
        var (blue, green) = ($"blue{Guid.NewGuid():N}"[..16], $"Green{Guid.NewGuid():N}"[..16]);
        var queueName = $"send-batches-{Guid.NewGuid():N}"[..29]; // The same queue setting: only the prefix sets them apart.
        await using var first = await CareerKitApp.StartAsync(new Dictionary<string, string?> { [StorageOptions.PrefixSetting] = blue, [SendQueue.QueueNameSetting] = queueName });
        // The prefix's first name still works, and covers containers and queues too.
        await using var second = await CareerKitApp.StartAsync(new Dictionary<string, string?> { [StorageOptions.TablePrefixSetting] = green, [SendQueue.QueueNameSetting] = queueName });

        // An edition's HTML is the first installation's only.
        var edition = await StoredEditions.StoreAsync(first, Track.Ml, 2201);
        Assert.Contains("<html", await first.Services.GetRequiredService<EditionStore>().HtmlAsync(edition.Id, CancellationToken.None), StringComparison.OrdinalIgnoreCase);
        var unseen = await Assert.ThrowsAsync<RequestFailedException>(() => second.Services.GetRequiredService<EditionStore>().HtmlAsync(edition.Id, CancellationToken.None));
        Assert.Equal(404, unseen.Status);

        // A stored resume and a template PDF live in the installation's own containers.
        Assert.Equal($"{blue}-{StoredResumes.ContainerName}", new BlobUriBuilder(await StoreResumeAsync(first)).BlobContainerName);
        var template = await first.Client.GetAsync("/api/resumes/ml-engineer?paper=a4");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var templateBlob = $"ml-engineer/{template.Headers.ETag!.Tag.Trim('"')}.pdf";
        var account = new BlobServiceClient((await Azurite.InstanceAsync()).ConnectionString);
        Assert.True(await account.GetBlobContainerClient($"{blue}-{TemplatePdfCache.ContainerName}").GetBlobClient(templateBlob).ExistsAsync());
        Assert.False(await account.GetBlobContainerClient($"{green.ToLowerInvariant()}-{TemplatePdfCache.ContainerName}").GetBlobClient(templateBlob).ExistsAsync());

        // Each has its own Data Protection keys: what one protects (a session, an antiforgery token) the other cannot read.
        var secret = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("prefix-test").Protect("only the first installation's");
        Assert.ThrowsAny<CryptographicException>(() => second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("prefix-test").Unprotect(secret));
        Assert.True(await account.GetBlobContainerClient($"{blue}-{BlobKeyRing.ContainerName}").ExistsAsync());

        // A send batch queued by one is never received by the other.
        await first.Services.GetRequiredService<SendQueue>().EnqueueAsync(new SendBatchMessage(edition.Id, Track.Ml, edition.IsoWeek, 0, ["s1"]), CancellationToken.None);
        var secondQueue = second.Services.GetRequiredService<SendQueue>();
        await secondQueue.EnsureCreatedAsync();
        Assert.Empty((await secondQueue.Client.ReceiveMessagesAsync(32)).Value);
        var firstQueue = first.Services.GetRequiredService<SendQueue>().Client;
        Assert.Equal($"{blue}-{queueName}", firstQueue.Name);
        Assert.Single((await firstQueue.ReceiveMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task Without_a_prefix_containers_and_queues_keep_the_names_existing_data_is_under()
    {
        var queueName = $"send-batches-{Guid.NewGuid():N}"[..29];
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { [SendQueue.QueueNameSetting] = queueName });
        var containers = app.Services.GetRequiredService<BlobContainers>();

        Assert.Equal(StoredResumes.ContainerName, new BlobUriBuilder(await StoreResumeAsync(app)).BlobContainerName);
        Assert.Equal(
            [EditionStore.ContainerName, TemplatePdfCache.ContainerName, BlobKeyRing.ContainerName],
            new[] { EditionStore.ContainerName, TemplatePdfCache.ContainerName, BlobKeyRing.ContainerName }.Select(name => containers.Get(name).Name));
        var queue = app.Services.GetRequiredService<SendQueue>();
        Assert.Equal((queueName, $"{queueName}-poison"), (queue.Client.Name, queue.Poison.Name));
    }

    [Theory]
    [InlineData("blue-green", null, "CareerKit:StoragePrefix (or CareerKit:TablePrefix) must be up to 20 letters and digits")]
    [InlineData("7blue", null, "starting with a letter")]
    [InlineData("blue", "Send_Batches", "CareerKit:SendQueueName must be lower-case letters, digits and single hyphens")]
    [InlineData("abcdefghijklmnopqrst", "send-batches-0123456789012345678901234567890123", "within 63 characters")]
    public async Task A_prefix_or_queue_name_storage_would_refuse_stops_the_start_with_a_clear_message(string prefix, string? queueName, string message)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => CareerKitApp.StartAsync(
            new Dictionary<string, string?> { [StorageOptions.PrefixSetting] = prefix, [SendQueue.QueueNameSetting] = queueName ?? SendQueue.DefaultQueueName }));

        Assert.IsType<OptionsValidationException>(failure is AggregateException a ? a.Flatten().InnerExceptions[0] : failure);
        Assert.Contains(message, Messages(failure));
    }

    [Fact]
    public async Task Under_the_Functions_host_a_trigger_listening_to_another_queue_stops_the_start()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => CareerKitApp.StartAsync(new Dictionary<string, string?>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            [StorageOptions.PrefixSetting] = "blue",
            [SendQueue.QueueNameSetting] = null,
            [SendQueue.TriggerQueueSetting] = SendQueue.DefaultQueueName, // The trigger's queue without the prefix.
        }));

        Assert.Contains("SEND_QUEUE_NAME names the queue the SendBatch trigger listens to", Messages(failure));
        Assert.Contains("\"blue-send-batches\"", Messages(failure));
    }

    private static string Messages(Exception failure) =>
        failure is AggregateException all ? string.Join(" ", all.Flatten().InnerExceptions.Select(e => e.Message)) : failure.Message;

    private static async Task<Uri> StoreResumeAsync(CareerKitApp app)
    {
        var response = await app.Client.PostAsync("/api/resumes/ml-engineer?store=true",
            new StringContent("""{ "basics": { "name": "Prefixed Person" } }""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new Uri(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString()!);
    }
}
