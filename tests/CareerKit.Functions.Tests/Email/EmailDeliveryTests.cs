using System.Net;
using CareerKit.Tests.Infrastructure;
using MimeKit;

namespace CareerKit.Tests.Email;

public sealed class EmailDeliveryTests
{
    [Fact]
    public async Task SendGrid_receives_one_message_with_both_parts_sender_category_and_ids()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();

        await app.SignUpAsync(email, "ml", "Zoë");

        var body = Assert.Single(app.SendGrid.Sent);
        var sent = CapturedEmail.From(body);
        Assert.Equal([email], sent.To);
        Assert.Equal("newsletter@careerkit.test", body["from"]!["email"]!.GetValue<string>());
        Assert.Equal("CareerKit", body["from"]!["name"]!.GetValue<string>());
        Assert.Equal(["confirmation"], sent.Categories);
        Assert.Equal((await app.FindSubscriberAsync(email))!.Id, body["personalizations"]![0]!["custom_args"]!["subscriber_id"]!.GetValue<string>());
        Assert.Contains("Hi Zoë,", sent.Text);
        Assert.Contains("Hi Zoë,", sent.Html);
        Assert.StartsWith(app.BaseAddress.AbsoluteUri + "api/subscriptions/confirm?token=", sent.Link("/api/subscriptions/confirm").AbsoluteUri);
        Assert.False(sent.Headers.ContainsKey("List-Unsubscribe"), "a pending address is not subscribed, so there is nothing to unsubscribe from");
    }

    [Fact]
    public async Task Without_an_API_key_emails_are_written_to_the_outbox_as_eml_files()
    {
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["SendGrid:ApiKey"] = null });
        var email = CareerKitApp.NewAddress();

        var response = await app.SignUpAsync(email, "ai", "Ada");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(0, app.SendGrid.Attempts);
        var file = Assert.Single(Directory.GetFiles(app.OutboxFolder, "*.eml"));
        Assert.DoesNotContain(email.Split('@')[0], Path.GetFileName(file));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal(email, message.To.Mailboxes.Single().Address);
        Assert.Equal("Confirm your CareerKit subscription", message.Subject);
        Assert.Contains("Hi Ada", message.TextBody);
        Assert.Contains("Confirm my subscription", message.HtmlBody);
    }

    [Fact]
    public async Task Confirmation_emails_are_small_and_carry_no_external_resources()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress();

        await app.SignUpAsync(email);

        var html = Assert.Single(app.SendGrid.EmailsTo(email)).Html;
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(html) < 100 * 1024);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
    }
}
