using CareerKit.Newsletter;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Newsletter;

public sealed partial class TipLibraryTests
{
    private static readonly string Folder = Path.Combine(RepositoryRootAttribute.Value, "seeds", "tips");

    [Fact]
    public void The_shipped_library_is_valid()
    {
        var (tips, problems) = TipLibrary.Load(Folder);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.All(tips, tip => Assert.True(File.Exists(Path.Combine(Folder, $"{tip.Id}.md")), $"{tip.Id} should live in {tip.Id}.md"));
    }

    /// <summary>The topics a career switcher needs week by week (issue 15); a tip outside them is misfiled.</summary>
    private static readonly string[] Topics = ["skills", "learning", "projects", "tools", "interviews", "job-search", "resume", "portfolio", "first-90-days", "career"];

    /// <summary>Half a year of weekly editions.</summary>
    private const int Weeks = 26;

    [Theory]
    [InlineData("ml")]
    [InlineData("ai")]
    public void Each_track_goes_half_a_year_of_weekly_editions_without_a_repeat(string track)
    {
        var (tips, _) = TipLibrary.Load(Folder);

        var editions = EditionsWithoutARepeat(tips, track);

        Assert.True(editions >= Weeks, $"{track} repeats a tip after {editions} editions of {TipRotation.TipsPerEdition} tips ({tips.Count(tip => tip.AppliesTo(Tracks.FromCode(track)))} tips); it needs {Weeks}");
    }

    [Fact]
    public void Neither_track_runs_out_more_than_four_weeks_before_the_other()
    {
        var (tips, _) = TipLibrary.Load(Folder);

        var (ml, ai) = (EditionsWithoutARepeat(tips, "ml"), EditionsWithoutARepeat(tips, "ai"));

        Assert.True(Math.Abs(ml - ai) <= 4, $"ml lasts {ml} editions, ai {ai}");
    }

    [Fact]
    public void Every_tip_has_a_topic_from_the_fixed_list()
    {
        var (tips, _) = TipLibrary.Load(Folder);

        Assert.All(tips, tip => Assert.True(Topics.Contains(tip.Topic), $"{tip.Id} has the topic '{tip.Topic}', not one of {string.Join(", ", Topics)}"));
    }

    [Theory]
    [InlineData("ml")]
    [InlineData("ai")]
    public void Each_track_has_start_here_tips_for_the_welcome_email(string track)
    {
        var (tips, _) = TipLibrary.Load(Folder);

        var starters = tips.Where(tip => tip.AppliesTo(Tracks.FromCode(track)) && StartHere().IsMatch(File.ReadAllText(Path.Combine(Folder, $"{tip.Id}.md")))).ToList();

        Assert.True(starters.Count >= 3, $"{track} has {starters.Count} tips marked start");
    }

    [Fact]
    public void No_two_tips_say_the_same_thing()
    {
        var (tips, _) = TipLibrary.Load(Folder);

        var alike = TipSimilarity.NearDuplicates(tips);

        Assert.True(alike.Count == 0, string.Join("\n", alike));
    }

    [Fact]
    public void The_similarity_check_catches_a_copied_tip_however_it_is_disguised()
    {
        var (tips, _) = TipLibrary.Load(Folder);
        var original = tips.Single(tip => tip.Id == "ml-model-monitoring");
        var words = original.Body.Split(' ');
        var reworded = original with { Id = "ml-watch-models", Title = "Keep an eye on production models", Body = string.Join(' ', words.Select((word, i) => i % 10 == 5 ? "really" : word)) };
        var paraphrased = original with { Id = "ml-watch-models", Title = "Keep an eye on production models", Body = Paraphrase };
        var retitled = tips.Single(tip => tip.Id == "ml-sql-depth") with { Id = "ml-watch-models", Title = "Watch your models after launching" };

        Assert.Contains(TipSimilarity.NearDuplicates([.. tips, reworded]), pair => pair.Second == reworded && pair.What == "body runs");
        Assert.Contains(TipSimilarity.NearDuplicates([.. tips, paraphrased]), pair => pair.Second == paraphrased && pair.What == "body words");
        Assert.Contains(TipSimilarity.NearDuplicates([.. tips, retitled]), pair => pair.Second == retitled && pair.What == "titles");
    }

    /// <summary>ml-model-monitoring retold sentence by sentence in other words: it keeps few runs of words but most of the vocabulary.</summary>
    private const string Paraphrase = """
        Once a model is live, an ML engineer has to keep watching it and evaluating how it performs. Quality slips without warning: customer behaviour shifts, fraudsters change tactics, an upstream source renames a field.

        Watch three things:

        - The inputs: missing values, value ranges and how the distribution of key features drifts.
        - The outputs: what share of predictions are positive and how scores are distributed, against the previous week.
        - The outcomes: the true metric when labels come in, often days or weeks later.

        Alert on inputs and outputs, so you learn about trouble before outcomes prove it. An interview story about spotting drift early beats a leaderboard position.
        """;

    /// <summary>Weekly editions from the real rotation, from a new subscriber's first week until a tip comes back.</summary>
    private static int EditionsWithoutARepeat(IReadOnlyList<Tip> tips, string track)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<string> sent = [];
        for (var editions = 0; ; editions++)
        {
            var (chosen, after) = TipRotation.Choose(tips, Tracks.FromCode(track), sent);
            if (chosen.Count < TipRotation.TipsPerEdition || !chosen.All(tip => seen.Add(tip.Id)))
            {
                return editions;
            }

            sent = after;
        }
    }

    /// <summary>The welcome email's "start here" mark in a tip's front matter; the loader ignores fields it does not know.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\A---\n(?:.*\n)*?start: [1-9][0-9]*\n(?:.*\n)*?---\n")]
    private static partial System.Text.RegularExpressions.Regex StartHere();

    [Fact]
    public void The_library_is_also_copied_next_to_the_app()
    {
        Assert.Equal(Directory.GetFiles(Folder, "*.md").Length, Directory.GetFiles(TipLibrary.DefaultFolder, "*.md").Length);
    }

    [Theory]
    [InlineData("no front matter at all", "starts without front matter")]
    [InlineData("---\nid: x\n---\nshort", "front matter has no title")]
    [InlineData("---\nid: x\ntitle: t\ntracks: [ml, data]\ntopic: t\nsource: s\n---\nbody", "tracks must list one or more of ml, ai, both")]
    [InlineData("---\nid: x\ntitle: t\ntracks: [ml]\ntopic: t\nsource: s\n---\ntoo short", "the body has 2 words; a tip has 60 to 250")]
    [InlineData("---\nid: [unclosed\n---\nbody", "front matter is not valid YAML")]
    public void Broken_tips_are_reported_plainly(string text, string message)
    {
        var (tip, problems) = TipLibrary.Parse("broken.md", text);

        Assert.Null(tip);
        Assert.Contains(problems, problem => problem.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[docs](http://example.com/page)")]
    [InlineData("[relative](/docs/page)")]
    [InlineData("see javascript:alert(1) now")]
    public void Links_must_be_absolute_https(string link)
    {
        var body = string.Join(' ', Enumerable.Repeat("word", 70)) + " " + link;
        var (_, problems) = TipLibrary.Parse("links.md", $"---\nid: x\ntitle: t\ntracks: [ai]\ntopic: t\nsource: s\n---\n{body}");

        Assert.Contains(problems, problem => problem.Message.Contains("is not an absolute https address", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicate_ids_are_reported()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        var body = string.Join(' ', Enumerable.Repeat("word", 70));
        File.WriteAllText(Path.Combine(folder, "a.md"), $"---\nid: same\ntitle: A\ntracks: [ml]\ntopic: t\nsource: s\n---\n{body}");
        File.WriteAllText(Path.Combine(folder, "b.md"), $"---\nid: same\ntitle: B\ntracks: [ai]\ntopic: t\nsource: s\n---\n{body}");

        var (_, problems) = TipLibrary.Load(folder);

        Assert.Contains(problems, problem => problem.ToString() == "same: the id is used by 2 tips; ids must be unique");
    }
}
