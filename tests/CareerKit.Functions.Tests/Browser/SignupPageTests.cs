using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CareerKit.Tests.Browser;

public sealed class SignupPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Signing_up_in_the_browser_following_the_link_and_pressing_the_button_confirms()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress("browser");
        var page = await browser.NewPageAsync();

        await page.GotoAsync(app.BaseAddress.AbsoluteUri);
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("First name").FillAsync("Ada");
        await page.GetByLabel("AI engineer").CheckAsync();
        await page.GetByLabel("Yes, send me").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        var confirmation = Assert.Single(app.SendGrid.EmailsTo(email));
        await page.GotoAsync(confirmation.Link("/api/subscriptions/confirm").AbsoluteUri);
        await page.AssertAccessibleAsync();
        Assert.Equal(SubscriberStatus.Pending, (await app.FindSubscriberAsync(email))!.Status);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my subscription" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You're subscribed, Ada!" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        Assert.Equal(SubscriberStatus.Confirmed, (await app.FindSubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task The_confirmation_page_fits_a_360_pixel_phone_and_its_button_is_pressed_with_the_keyboard()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress("confirm-phone");
        await app.SignUpAsync(email, "ml", "Lin");
        var page = await browser.NewPageAsync(width: 360, height: 740);

        await page.GotoAsync(Assert.Single(app.SendGrid.EmailsTo(email)).Link("/api/subscriptions/confirm").AbsoluteUri);
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360);
        await page.AssertAccessibleAsync();
        for (var presses = 0; await page.EvaluateAsync<string>("document.activeElement.textContent.trim()") != "Confirm my subscription"; presses++)
        {
            Assert.True(presses < 10, "Tab never reached the confirm button");
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You're subscribed, Lin!" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        Assert.Equal(SubscriberStatus.Confirmed, (await app.FindSubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task Submitting_the_empty_form_shows_each_error_next_to_its_field()
    {
        await using var app = await CareerKitApp.StartAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.BaseAddress.AbsoluteUri);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please fix the following to sign up");
        await Assertions.Expect(page.Locator("#email-error")).ToHaveTextAsync("Enter your email address.");
        await Assertions.Expect(page.Locator("#track-error")).ToContainTextAsync("Choose a track");
        await Assertions.Expect(page.Locator("#consent-error")).ToContainTextAsync("Tick the box");
        await Assertions.Expect(page.Locator("#email")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#email")).ToHaveAttributeAsync("aria-describedby", "email-error");
        await page.AssertAccessibleAsync();
        Assert.Empty(app.SendGrid.Sent);
    }

    [Fact]
    public async Task The_form_can_be_filled_and_sent_with_the_keyboard_alone()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress("keyboard");
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.BaseAddress.AbsoluteUri);
        var visited = new List<string>();

        async Task<string> TabAsync()
        {
            await page.Keyboard.PressAsync("Tab");
            var id = await page.EvaluateAsync<string>("document.activeElement.id || document.activeElement.textContent.trim()");
            visited.Add(id);
            return id;
        }

        while (await TabAsync() != "email")
        {
            Assert.True(visited.Count < 10, "Tab never reached the email field: " + string.Join(", ", visited));
        }

        await page.Keyboard.TypeAsync(email);
        Assert.Equal("firstName", await TabAsync());
        await page.Keyboard.TypeAsync("Lin");
        Assert.Equal("track-ml", await TabAsync());
        await page.Keyboard.PressAsync("ArrowDown"); // Arrow keys move within a radio group, selecting as they go.
        Assert.Equal("consent", await TabAsync());
        await page.Keyboard.PressAsync("Space");
        Assert.Equal("Sign up", await TabAsync());
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();
        Assert.DoesNotContain("website", visited);
        var subscriber = await app.FindSubscriberAsync(email);
        Assert.Equal((Track.Ai, "Lin"), (subscriber!.Track, subscriber.FirstName));
    }

    [Fact]
    public async Task On_a_360_pixel_phone_the_page_fits_without_sideways_scrolling()
    {
        await using var app = await CareerKitApp.StartAsync();
        var page = await browser.NewPageAsync(width: 360, height: 740);

        await page.GotoAsync(app.BaseAddress.AbsoluteUri);

        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign up" })).ToBeInViewportAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_subscriber_changes_track_on_the_preferences_page()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress("preferences");
        await app.SubscribeAndConfirmAsync(email);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(app.LinkFor(email, "api/subscriptions/preferences", TokenPurpose.Preferences).AbsoluteUri);
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Both").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your preferences are saved");
        await page.AssertAccessibleAsync();
        Assert.Equal(Track.Both, (await app.FindSubscriberAsync(email))!.Track);
    }

    [Fact]
    public async Task A_subscriber_asks_on_the_preferences_page_for_their_data_links_and_gets_them_by_email()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress("data");
        await app.SubscribeAndConfirmAsync(email);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(app.LinkFor(email, "api/subscriptions/preferences", TokenPurpose.Preferences).AbsoluteUri);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me my data links" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("on their way to the address you subscribed with");
        await page.AssertAccessibleAsync();
        Assert.Equal("Your CareerKit data: download or erase it", app.SendGrid.EmailsTo(email)[^1].Subject);
    }

    [Fact]
    public async Task Unsubscribing_in_the_browser_takes_one_press_of_a_button_and_the_page_after_offers_the_data_links()
    {
        await using var app = await CareerKitApp.StartAsync();
        var email = CareerKitApp.NewAddress("leaving");
        await app.SubscribeAndConfirmAsync(email);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(app.LinkFor(email, "api/subscriptions/unsubscribe", TokenPurpose.Unsubscribe).AbsoluteUri);
        await page.AssertAccessibleAsync();
        Assert.Equal(SubscriberStatus.Confirmed, (await app.FindSubscriberAsync(email))!.Status);
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You're unsubscribed" })).ToBeVisibleAsync();
        Assert.Equal(SubscriberStatus.Unsubscribed, (await app.FindSubscriberAsync(email))!.Status);
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Email me my data links" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("on their way to the address you subscribed with");
        Assert.Equal("Your CareerKit data: download or erase it", app.SendGrid.EmailsTo(email)[^1].Subject);
    }
}
