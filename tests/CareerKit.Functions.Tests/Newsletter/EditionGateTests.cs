using CareerKit.Newsletter;
using CareerKit.Rendering;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Newsletter;

/// <summary>The send gate's rules, one by one, on a real edition changed in one place.</summary>
public sealed class EditionGateTests
{
    private static readonly Uri App = new("http://localhost:7071/");
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly EditionComposer Composer = new(new TemplateLibrary(TemplateLibrary.DefaultRoot));
    private static readonly IReadOnlyList<Tip> Library = TipLibrary.Load(Path.Combine(RepositoryRootAttribute.Value, "seeds", "tips")).Tips;
    private static readonly Recipient Sample = new("Alex", "http://localhost:7071/api/subscriptions/unsubscribe?token=t", "http://localhost:7071/api/subscriptions/preferences?token=t",
        tip => $"http://localhost:7071/api/feedback?edition=e&tip={tip}&token=t");

    private static Tip Tip(string body, string title = "A tip with a plain title") =>
        new("gate-tip", title, ["ml"], "skills", "test", body + " " + string.Join(' ', Enumerable.Repeat("word", 60)));

    private static Edition Edition(string subject = "Three tips for your first ML job", string preheader = "Portfolios, interviews and papers", string? intro = null, params Tip[] tips) =>
        Composer.Compose(Track.Ml, Monday, new EditionContent(subject, preheader, intro, tips.Length > 0 ? tips : [Tip("Read [the guide](https://example.org/guide).")]), "http://localhost:7071/archive");

    private static GateReport Check(Edition edition, Func<string, string>? html = null, Func<string, string>? text = null)
    {
        var (personalHtml, personalText) = EditionComposer.Personalize(edition, Sample);
        return EditionGate.Check(edition.Subject, edition.Preheader, html?.Invoke(personalHtml) ?? personalHtml, text?.Invoke(personalText) ?? personalText, App);
    }

    private static string Rules(IEnumerable<GateFinding> findings) => string.Join(",", findings.Select(finding => finding.Rule).Order(StringComparer.Ordinal));

    [Fact]
    public void A_good_edition_passes_with_no_errors_and_no_warnings()
    {
        var report = Check(Edition());

        Assert.True(report.Passes, report.Describe());
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Every_weekly_edition_the_shipped_library_makes_passes()
    {
        foreach (var track in Tracks.All)
        {
            var history = new List<IReadOnlyList<string>>();
            var eligible = Library.Count(tip => tip.AppliesTo(track));
            for (var week = 0; week * TipRotation.TipsPerEdition < eligible; week++)
            {
                var tips = TipRotation.Choose(Library, track, TipRotation.CurrentRound(Library, track, history)).Chosen;
                history.Add([.. tips.Select(tip => tip.Id)]);
                var edition = Composer.Compose(track, Monday.AddDays(7 * week), tips, "http://localhost:7071/archive");

                var report = Check(edition);

                Assert.True(report.Passes, $"{edition.Id} \"{edition.Subject}\": {report.Describe()}");
            }
        }
    }

    [Fact]
    public void Html_over_100_KB_is_an_error()
    {
        var report = Check(Edition(), html: html => html.Replace("</body>", $"<p>{new string('x', 101 * 1024)}</p></body>", StringComparison.Ordinal));

        Assert.Equal("size", Rules(report.Errors));
        Assert.Contains("100 KB", report.Errors[0].Message);
    }

    [Theory]
    [InlineData("Tips")]
    [InlineData("123456789")]
    [InlineData("A subject so long that every inbox cuts it short before the reader sees the end of it")]
    public void A_subject_under_10_or_over_78_characters_is_an_error(string subject)
    {
        var report = Check(Edition(subject: subject));

        Assert.Equal("subject", Rules(report.Errors));
        Assert.Contains($"{subject.Length} characters", report.Errors[0].Message);
    }

    [Theory]
    [InlineData("[plain](http://example.org/page)")]
    [InlineData("[relative](/archive)")]
    [InlineData("[mail me](mailto:editor@example.org)")]
    [InlineData("[top](#top)")]
    public void A_link_that_is_not_absolute_https_is_an_error(string link)
    {
        var report = Check(Edition(intro: $"See {link}."));

        Assert.Equal("link", Rules(report.Errors));
    }

    [Fact]
    public void Links_to_the_apps_own_address_may_be_http_but_other_hosts_on_http_may_not()
    {
        var own = Check(Edition(intro: "See [the archive](http://localhost:7071/archive)."));
        var otherPort = Check(Edition(intro: "See [this](http://localhost:8080/archive)."));

        Assert.True(own.Passes, own.Describe());
        Assert.Equal("link", Rules(otherPort.Errors));
    }

    [Theory]
    [InlineData("Hello {{ first_name }}, welcome.")]
    [InlineData("{% if vip %}Thanks{% endif %}")]
    [InlineData("Hi ckph-company-6b1f, welcome.")] // A composer marker nobody fills.
    public void An_unfilled_placeholder_is_an_error(string intro)
    {
        var report = Check(Edition(intro: intro));

        Assert.Equal("placeholder", Rules(report.Errors));
    }

    [Fact]
    public void A_placeholder_left_in_the_subject_or_text_part_is_an_error_too()
    {
        Assert.Equal("placeholder", Rules(Check(Edition(subject: "Your {{ track }} tips this week")).Errors));
        Assert.Equal("placeholder", Rules(Check(Edition(), text: text => text + "\n{{ unsubscribe }}").Errors));
    }

    [Fact]
    public void A_missing_text_part_is_an_error()
    {
        var report = Check(Edition(), text: _ => "  \n");

        Assert.Equal("text-part", Rules(report.Errors));
    }

    [Fact]
    public void An_image_without_alt_is_an_error_but_decorative_alt_is_fine()
    {
        var missing = Check(Edition(), html: html => html.Replace("</body>", "<img src=\"https://example.org/logo.png\"></body>", StringComparison.Ordinal));
        var decorative = Check(Edition(), html: html => html.Replace("</body>", "<img src=\"https://example.org/line.png\" alt=\"\"></body>", StringComparison.Ordinal));

        Assert.Equal("image-alt", Rules(missing.Errors));
        Assert.True(decorative.Passes, decorative.Describe());
    }

    [Fact]
    public void No_preheader_is_a_warning_not_an_error()
    {
        var report = Check(Edition(preheader: " "));

        Assert.True(report.Passes);
        Assert.Equal("preheader", Rules(report.Warnings));
    }

    [Fact]
    public void Over_1500_words_is_a_warning()
    {
        var words = string.Join(' ', Enumerable.Repeat("career", 1_600));

        var report = Check(Edition(intro: words));

        Assert.True(report.Passes);
        Assert.Equal("length", Rules(report.Warnings));
    }

    [Theory]
    [InlineData("https://bit.ly/3abc")]
    [InlineData("https://t.co/xyz")]
    [InlineData("https://www.tinyurl.com/y7")]
    [InlineData("https://is.gd/q")]
    public void A_link_through_a_url_shortener_is_a_warning(string link)
    {
        var report = Check(Edition(intro: $"Read [this]({link})."));

        Assert.True(report.Passes, report.Describe());
        Assert.Equal("shortener", Rules(report.Warnings));
    }

    [Fact]
    public void A_host_that_only_ends_like_a_shortener_is_not_one()
    {
        var report = Check(Edition(intro: "Read [this](https://microsoft.co/page) and [that](https://habit.ly/x)."));

        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_each_with_a_message()
    {
        var report = Check(Edition(subject: "Hi", preheader: "", intro: "{{ name }} [a](http://example.org) [b](https://bit.ly/x)"), text: _ => "");

        Assert.Equal("link,placeholder,subject,text-part", Rules(report.Errors));
        Assert.Equal("preheader,shortener", Rules(report.Warnings));
        Assert.All(report.Errors.Concat(report.Warnings), finding => Assert.True(finding.Message.Length > 20, finding.Message));
    }
}
