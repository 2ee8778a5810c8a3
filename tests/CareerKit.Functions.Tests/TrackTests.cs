using System.Text.Json;
using CareerKit.Newsletter;

namespace CareerKit.Tests;

/// <summary>Every spelling of a track: stored codes, what people type, resume slugs, and the refusals.</summary>
public sealed class TrackTests
{
    [Theory]
    [InlineData(Track.Ml, "ml")]
    [InlineData(Track.Ai, "ai")]
    [InlineData(Track.Both, "both")]
    public void The_stored_code_is_the_one_rows_messages_and_seed_files_hold(Track track, string code)
    {
        Assert.Equal(code, track.Code());
        Assert.True(Tracks.TryFromCode(code, out var read));
        Assert.Equal(track, read);
        Assert.Equal(track, Tracks.FromCode(code));
    }

    [Theory]
    [InlineData(Track.Ml, "ML engineer")]
    [InlineData(Track.Ai, "AI engineer")]
    [InlineData(Track.Both, "ML and AI engineer")]
    public void Each_track_has_the_name_people_read(Track track, string name) => Assert.Equal(name, track.DisplayName());

    [Theory]
    [InlineData("ml", Track.Ml)]
    [InlineData(" AI ", Track.Ai)]
    [InlineData("Both", Track.Both)]
    [InlineData("BOTH\t", Track.Both)]
    public void What_a_person_types_is_read_trimmed_in_any_case(string text, Track track)
    {
        Assert.True(Tracks.TryParse(text, out var read));
        Assert.Equal(track, read);
    }

    [Theory]
    [InlineData("ML")]
    [InlineData(" ml")]
    [InlineData("ml-engineer")]
    [InlineData("")]
    [InlineData(null)]
    public void A_stored_code_is_read_exactly(string? code)
    {
        Assert.False(Tracks.TryFromCode(code, out _));
    }

    [Fact]
    public void A_code_the_app_did_not_write_is_a_bug_named_in_the_exception()
    {
        var bug = Assert.Throws<ArgumentOutOfRangeException>(() => Tracks.FromCode("data"));
        Assert.Contains("'data' is not a track code (ml, ai or both)", bug.Message);
    }

    [Theory]
    [InlineData("data")]
    [InlineData("ml-engineer")]
    [InlineData("m l")]
    public void An_unknown_track_is_refused_with_the_choices(string text)
    {
        Assert.False(Tracks.TryParse(text, out _));
        Assert.Equal($"'{text}' is not a track. Choose a track: ml (ML engineer), ai (AI engineer) or both.", Tracks.Problem(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_missing_track_asks_for_one(string? text)
    {
        Assert.False(Tracks.TryParse(text, out _));
        Assert.Equal("Choose a track: ml (ML engineer), ai (AI engineer) or both.", Tracks.Problem(text));
    }

    [Theory]
    [InlineData(Track.Ml, "ml-engineer")]
    [InlineData(Track.Ai, "ai-engineer")]
    public void A_resume_template_is_named_by_its_track_slug(Track track, string slug)
    {
        Assert.Equal(slug, track.ResumeSlug());
        Assert.True(Tracks.TryFromResumeSlug(slug, out var read));
        Assert.Equal(track, read);
    }

    [Fact]
    public void Both_has_no_resume_template()
    {
        Assert.Null(Track.Both.ResumeSlug());
        Assert.DoesNotContain(Track.Both, Tracks.WithResumeTemplate);
        Assert.Equal([Track.Ml, Track.Ai], Tracks.WithResumeTemplate);
    }

    [Theory]
    [InlineData("both")]
    [InlineData("ml")]
    [InlineData("ML-engineer")]
    [InlineData("ml-engineer ")]
    [InlineData("")]
    [InlineData(null)]
    public void A_resume_slug_is_read_exactly_and_others_are_refused_with_the_slugs_there_are(string? slug)
    {
        Assert.False(Tracks.TryFromResumeSlug(slug, out _));
        Assert.Equal($"'{slug}' is not a track. Valid tracks: ml-engineer, ai-engineer.", Tracks.ResumeSlugProblem(slug));
    }

    [Fact]
    public void Every_track_is_listed_once()
    {
        Assert.Equal([Track.Ml, Track.Ai, Track.Both], Tracks.All);
        Assert.Equal(Enum.GetValues<Track>(), Tracks.All);
    }

    [Fact]
    public void A_queued_send_batch_holds_the_track_code_and_reads_back_messages_queued_before_the_track_type()
    {
        var message = new SendBatchMessage("2026-W48-ai", Track.Ai, "2026-W48", 2, ["s1"]);
        var json = JsonSerializer.Serialize(message, JsonSerializerOptions.Web);
        Assert.Contains("\"track\":\"ai\"", json, StringComparison.Ordinal);

        // A message written while the track was a string, still in the queue when the new code starts.
        var older = JsonSerializer.Deserialize<SendBatchMessage>("""{"editionId":"2026-W48-both","track":"both","isoWeek":"2026-W48","batch":0,"subscriberIds":["s1"]}""", JsonSerializerOptions.Web);
        Assert.Equal(Track.Both, older!.Track);
    }

    [Theory]
    [InlineData("\"ML\"")]
    [InlineData("\"ml-engineer\"")]
    [InlineData("0")]
    [InlineData("null")]
    public void Json_that_is_not_a_track_code_is_refused(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Track>(json, JsonSerializerOptions.Web));
    }

    [Fact]
    public void An_edition_id_reads_back_as_its_week_and_track()
    {
        var id = Edition.IdFor(Track.Both, new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal("2026-W49-both", id);
        Assert.True(Edition.TryParseId(id, out var week, out var track));
        Assert.Equal(("2026-W49", Track.Both), (week, track));
        Assert.False(Edition.TryParseId("2026-W49-go", out _, out _));
    }
}
