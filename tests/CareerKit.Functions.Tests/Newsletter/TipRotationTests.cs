using CareerKit.Newsletter;

namespace CareerKit.Tests.Newsletter;

public sealed class TipRotationTests
{
    private static Tip TipFor(string id, string track) => new(id, id, [track], "topic", "practice", "body");

    private static readonly IReadOnlyList<Tip> Library =
        [TipFor("ml1", "ml"), TipFor("ai1", "ai"), TipFor("both1", "both"), TipFor("ml2", "ml"), TipFor("ai2", "ai"), TipFor("ml3", "ml"), TipFor("both2", "both")];

    [Fact]
    public void A_track_gets_the_first_three_tips_it_has_not_had()
    {
        var (chosen, sent) = TipRotation.Choose(Library, Track.Ml, []);

        Assert.Equal(["ml1", "both1", "ml2"], chosen.Select(tip => tip.Id));
        Assert.Equal(["ml1", "both1", "ml2"], sent);
    }

    [Fact]
    public void The_next_edition_continues_where_the_last_stopped()
    {
        var (chosen, sent) = TipRotation.Choose(Library, Track.Ml, ["ml1", "both1", "ml2"]);

        Assert.Equal(["ml3", "both2"], chosen.Take(2).Select(tip => tip.Id));
        Assert.Equal(3, chosen.Count);
        Assert.Equal(3, chosen.Select(tip => tip.Id).Distinct().Count());
    }

    [Fact]
    public void Tips_repeat_only_after_the_library_is_exhausted()
    {
        var sent = new List<string>();
        var seen = new List<string>();
        for (var week = 0; week < 2; week++)
        {
            var (chosen, after) = TipRotation.Choose(Library, Track.Ai, sent);
            seen.AddRange(chosen.Select(tip => tip.Id));
            sent = [.. after];
        }

        Assert.Equal(["ai1", "both1", "ai2", "both2", "ai1", "both1"], seen);
    }

    [Fact]
    public void Subscribers_on_both_tracks_get_tips_from_both()
    {
        var (chosen, _) = TipRotation.Choose(Library, Track.Both, []);

        Assert.Equal(["ml1", "ai1", "both1"], chosen.Select(tip => tip.Id));
    }
}
