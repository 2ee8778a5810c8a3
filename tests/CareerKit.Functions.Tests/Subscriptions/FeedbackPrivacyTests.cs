using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareerKit.Newsletter;
using CareerKit.Subscriptions;
using CareerKit.Tests.Newsletter;

namespace CareerKit.Tests.Subscriptions;

/// <summary>A subscriber's answers to tips are their data: in their export, and gone with erasure (and out of the counts).</summary>
public sealed class FeedbackPrivacyTests
{
    [Fact]
    public async Task A_subscribers_feedback_is_in_their_data_export()
    {
        await using var week = await TipFeedbackTests.SentEditionAsync(2167);
        await week.PressAsync(week.Link(0), "useful");
        await week.PressAsync(week.Link(2), "not-for-me");

        var export = await week.App.Client.GetAsync(week.App.LinkFor(week.Email, "api/subscriptions/export", TokenPurpose.Export));
        var feedback = (await export.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("feedback").EnumerateArray()
            .Select(item => (item.GetProperty("editionId").GetString()!, item.GetProperty("tipId").GetString()!, item.GetProperty("answer").GetString()!))
            .OrderBy(item => item.Item2, StringComparer.Ordinal).ToList();

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(
            new[] { (week.Edition.Id, week.Edition.TipIds[0], "useful"), (week.Edition.Id, week.Edition.TipIds[2], "not-for-me") }.OrderBy(item => item.Item2, StringComparer.Ordinal),
            feedback);
    }

    [Fact]
    public async Task Erasure_deletes_the_subscribers_answers_and_takes_them_out_of_the_counts()
    {
        await using var week = await TipFeedbackTests.SentEditionAsync(2168);
        var neighbour = NeighbourLinkAsync(week);
        await week.PressAsync(week.Link(0), "useful");
        await week.PressAsync(week.Link(1), "not-for-me");
        await week.PressAsync(await neighbour, "useful");

        var erased = await week.App.Client.PostAsync(week.App.LinkFor(week.Email, "api/subscriptions/erase", TokenPurpose.Erase), new FormUrlEncodedContent([]));
        var (answers, pointers, counts) = await TipFeedbackTests.RowsAsync(week.App);
        var pressAfter = await week.PressAsync(week.Link(0), "useful");

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(SubscriberStatus.Erased, (await week.App.FindSubscriberAsync(week.Email))!.Status);
        var left = Assert.Single(answers); // The other subscriber's answer stays.
        Assert.DoesNotContain(week.SubscriberId, left.RowKey, StringComparison.Ordinal);
        Assert.Single(pointers);
        Assert.Equal((1, 0), counts[week.Edition.TipIds[0]]);
        Assert.Equal((0, 0), counts[week.Edition.TipIds[1]]);
        Assert.Equal(HttpStatusCode.Gone, pressAfter.StatusCode); // An erased subscriber's old link records nothing.
        Assert.Single((await TipFeedbackTests.RowsAsync(week.App)).Answers);
    }

    /// <summary>A second confirmed subscriber's link to the first tip.</summary>
    private static async Task<string> NeighbourLinkAsync(TipFeedbackTests.SentEdition week)
    {
        var email = Infrastructure.CareerKitApp.NewAddress("neighbour");
        await week.App.SubscribeAndConfirmAsync(email, "ml");
        var id = (await week.App.FindSubscriberAsync(email))!.Id;
        return (week with { Email = email, SubscriberId = id }).Link(0);
    }
}
