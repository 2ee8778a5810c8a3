using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Subscriptions;

public sealed class PrivacyTests
{
    [Fact]
    public async Task No_address_token_or_key_reaches_the_logs_in_a_whole_subscription_life()
    {
        await using var app = await CareerKitApp.StartAsync(realClock: true);
        var email = CareerKitApp.NewAddress("private");
        var failing = CareerKitApp.NewAddress("failing");
        var confirmation = await app.SubscribeAndConfirmAsync(email, "ml", "Quintessa");
        var unsubscribe = app.LinkFor(email, "api/subscriptions/unsubscribe", TokenPurpose.Unsubscribe);
        await app.Client.GetAsync(unsubscribe);
        await app.Client.PostAsync(unsubscribe, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        await app.Client.GetAsync(app.LinkFor(email, "api/subscriptions/export", TokenPurpose.Export));
        app.SendGrid.FailAlways(500);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await app.SignUpAsync(failing)).StatusCode);
        await app.Client.GetAsync("/api/subscriptions/confirm?token=garbage");

        var logs = string.Join('\n', app.Logs.Lines);
        Assert.NotEmpty(app.Logs.Lines);
        Assert.DoesNotContain(email, logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email.Split('@')[0], logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(failing.Split('@')[0], logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(confirmation.Link("/api/subscriptions/confirm").Query.TrimStart('?')[6..], logs);
        Assert.DoesNotContain(unsubscribe.Query[7..], logs);
        Assert.DoesNotContain(FakeSendGrid.ApiKey, logs);
        Assert.DoesNotContain(CareerKitApp.SigningKey, logs);
        Assert.DoesNotContain("Quintessa", logs);
    }

    [Fact]
    public async Task The_stored_subscriber_holds_only_what_the_features_need()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();
        await app.SignUpAsync(email, "ai", "Quintessa");

        var table = await app.Services.GetRequiredService<CareerKit.Storage.TableStorage>().GetTableAsync(SubscriberStore.TableName, CancellationToken.None);
        var id = (await app.FindSubscriberAsync(email))!.Id;
        var row = table.Query<Azure.Data.Tables.TableEntity>(entity => entity.PartitionKey == id).Single();

        var stored = row.Keys.Except(["odata.etag", "PartitionKey", "RowKey", "Timestamp"]).Order().ToArray();
        Assert.Equal(["ConsentedAt", "CreatedAt", "Email", "FirstName", "LastSignupEmailAt", "Status", "Track"], stored);
    }
}
