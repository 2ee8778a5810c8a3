using CareerKit.Newsletter;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Newsletter;

public sealed class TipLibraryTests
{
    private static readonly string Folder = Path.Combine(RepositoryRootAttribute.Value, "seeds", "tips");

    [Fact]
    public void The_shipped_library_is_valid()
    {
        var (tips, problems) = TipLibrary.Load(Folder);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.All(tips, tip => Assert.True(File.Exists(Path.Combine(Folder, $"{tip.Id}.md")), $"{tip.Id} should live in {tip.Id}.md"));
    }

    [Theory]
    [InlineData("ml")]
    [InlineData("ai")]
    public void Each_track_has_half_a_year_of_weekly_tips(string track)
    {
        var (tips, _) = TipLibrary.Load(Folder);

        Assert.True(tips.Count(tip => tip.AppliesTo(track)) >= 26, $"{track} has {tips.Count(tip => tip.AppliesTo(track))} tips");
    }

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
