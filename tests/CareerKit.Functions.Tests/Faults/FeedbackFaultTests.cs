using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;
using CareerKit.Tests.Newsletter;

namespace CareerKit.Tests.Faults;

/// <summary>
/// A reader presses "Useful" while storage resets: between the subscriber's pointer row and the answer's transaction, or
/// at the transaction itself. The press is answered 503 with Retry-After, pressing again records the answer once, and
/// the counts, the export and erasure see exactly one answer.
/// </summary>
public sealed class FeedbackFaultTests
{
    /// <param name="method">The Table request at which storage resets: the pointer's upsert (PATCH) or the transaction (POST $batch).</param>
    [Theory]
    [InlineData("PATCH ", "feedback(", 2171)]
    [InlineData("POST ", "$batch", 2172)]
    public async Task A_press_cut_off_by_a_storage_reset_is_a_503_and_pressed_again_counts_once(string method, string request, int year)
    {
        await using var storage = await FaultyStorage.InFrontOfAsync();
        await using var week = await TipFeedbackTests.SentEditionAsync(year, storage.ConnectionString);
        var link = week.Link(0);
        var tip = week.Edition.TipIds[0];

        var cut = 0;
        storage.OnTableRequest = line =>
        {
            if (line.StartsWith(method, StringComparison.Ordinal) && line.Contains(request, StringComparison.Ordinal) && Interlocked.Increment(ref cut) == 1)
            {
                storage.Mode = FaultMode.Down;
            }
        };
        var cutOff = await week.PressAsync(link, "useful");
        storage.OnTableRequest = null;
        storage.Mode = FaultMode.Up;
        var again = await week.PressAsync(link, "useful");
        var replay = await week.PressAsync(link, "useful");

        Assert.Equal(1, cut);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, cutOff.StatusCode);
        Assert.NotNull(cutOff.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        var (answers, pointers, counts) = await TipFeedbackTests.RowsAsync(week.App);
        Assert.Single(answers);
        Assert.Single(pointers);
        Assert.Equal((1, 0), counts[tip]);

        var export = await week.App.Client.GetFromJsonAsync<JsonElement>(week.App.LinkFor(week.Email, "api/subscriptions/export", TokenPurpose.Export));
        Assert.Single(export.GetProperty("feedback").EnumerateArray());
        var erased = await week.App.Client.PostAsync(week.App.LinkFor(week.Email, "api/subscriptions/erase", TokenPurpose.Erase), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        (answers, pointers, counts) = await TipFeedbackTests.RowsAsync(week.App);
        Assert.Empty(answers);
        Assert.Empty(pointers);
        Assert.Equal((0, 0), counts[tip]);
    }

    [Fact]
    public async Task A_pointer_left_by_a_press_that_never_came_back_is_erased_with_the_subscriber()
    {
        await using var storage = await FaultyStorage.InFrontOfAsync();
        await using var week = await TipFeedbackTests.SentEditionAsync(2173, storage.ConnectionString);
        storage.OnTableRequest = line =>
        {
            if (line.StartsWith("POST ", StringComparison.Ordinal) && line.Contains("$batch", StringComparison.Ordinal))
            {
                storage.Mode = FaultMode.Down;
            }
        };
        var cutOff = await week.PressAsync(week.Link(1), "not-for-me");
        storage.OnTableRequest = null;
        storage.Mode = FaultMode.Up;
        var (answers, pointers, _) = await TipFeedbackTests.RowsAsync(week.App);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, cutOff.StatusCode);
        Assert.Empty(answers); // The reader gave up: no answer was recorded...
        Assert.Single(pointers); // ...but the pointer written before the transaction is there.
        var export = await week.App.Client.GetFromJsonAsync<JsonElement>(week.App.LinkFor(week.Email, "api/subscriptions/export", TokenPurpose.Export));
        Assert.Empty(export.GetProperty("feedback").EnumerateArray()); // The export lists answers, not pointers.
        await week.App.Client.PostAsync(week.App.LinkFor(week.Email, "api/subscriptions/erase", TokenPurpose.Erase), new FormUrlEncodedContent([]));
        Assert.Empty((await TipFeedbackTests.RowsAsync(week.App)).Pointers);
    }
}
