using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareerKit.Cli;
using CareerKit.Resumes;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Resumes;

/// <summary>
/// Issue 12 §2: a resume PDF is tagged PDF/UA-1. Each item is read back from a produced resume with qpdf, a reader
/// independent of our writer.
/// </summary>
public sealed class TaggedResumeTests
{
    private static readonly Lazy<byte[]> FullResume = new(() => Render(File.ReadAllText(Source)));

    private static string Source => Path.Combine(AppContext.BaseDirectory, "Resumes", "full-resume.json");

    private static byte[] Render(string json, string track = "ml-engineer")
    {
        var input = Path.GetTempFileName();
        var pdf = Path.GetTempFileName();
        File.WriteAllText(input, json);
        Assert.Equal(CommandLine.Ok, CommandLine.Run(["resume", "render", track, "--in", input, "--out", pdf], TextWriter.Null, TextWriter.Null));
        var bytes = File.ReadAllBytes(pdf);
        File.Delete(input);
        File.Delete(pdf);
        return bytes;
    }

    private static QpdfDocument Tagged => QpdfDocument.Open(FullResume.Value);

    [Theory]
    [InlineData("ml-engineer")]
    [InlineData("ai-engineer")]
    public void Qpdf_finds_no_errors_or_warnings(string track)
    {
        var (exitCode, output) = QpdfDocument.Check(Render(File.ReadAllText(Source), track));

        Assert.True(exitCode == 0, output);
        Assert.Contains("No syntax or stream encoding errors found", output);
    }

    [Fact]
    public void The_structure_tree_holds_the_name_section_headings_entries_paragraphs_lists_and_links()
    {
        var pdf = Tagged;
        var root = pdf.Resolve(pdf.Catalog.GetProperty("/StructTreeRoot"));
        Assert.Equal("/StructTreeRoot", root.GetProperty("/Type").GetString());
        var document = pdf.Resolve(root.GetProperty("/K"));
        Assert.Equal("/Document", document.GetProperty("/S").GetString());

        var roles = Elements(pdf).GroupBy(element => element.GetProperty("/S").GetString()!).ToDictionary(group => group.Key, group => group.ToList());
        Assert.Single(roles["/H1"]);
        Assert.True(roles["/H2"].Count >= 5, "a heading per section");
        Assert.True(roles["/H3"].Count >= 3, "a heading per entry");
        Assert.NotEmpty(roles["/P"]);
        foreach (var list in roles["/L"])
        {
            var items = Kids(pdf, list).ToList();
            Assert.NotEmpty(items);
            Assert.All(items, item => Assert.Equal(["/Lbl", "/LBody"], Kids(pdf, item).Select(kid => kid.GetProperty("/S").GetString()!)));
        }

        // The reading order starts with the name, then the section headings in the template's order.
        var top = Kids(pdf, document).Select(kid => kid.GetProperty("/S").GetString()).ToList();
        Assert.Equal("/H1", top[0]);
        Assert.True(top.IndexOf("/H2") > 0);

        // Every page's marked content leads back to its element through the parent tree.
        var parentTree = pdf.Resolve(root.GetProperty("/ParentTree")).GetProperty("/Nums").EnumerateArray().ToList();
        foreach (var page in pdf.Pages)
        {
            var key = page.GetProperty("/StructParents").GetInt32();
            var owners = parentTree[parentTree.FindIndex(entry => entry.ValueKind == JsonValueKind.Number && entry.GetInt32() == key) + 1];
            var content = Encoding.Latin1.GetString(pdf.StreamData(page.GetProperty("/Contents")));
            Assert.Equal(owners.GetArrayLength(), CountOf(content, "/MCID "));
        }
    }

    [Theory]
    [InlineData("""{"basics":{"email":"kim@example.com"},"work":[{"name":"Acme","position":"ML Engineer","startDate":"2020-01"}],"education":[{"institution":"KTH","studyType":"MSc","area":"Mathematics"}]}""")]
    [InlineData("""{"work":[{"name":"Acme","position":"ML Engineer","startDate":"2020-01"}],"skills":[{"name":"ML","keywords":["PyTorch"]}]}""")]
    public void Without_a_name_the_headings_still_start_at_H1_and_skip_no_level(string json)
    {
        // PDF/UA: the first heading is H1 and levels go down one at a time; with no name to head the page, the
        // sections are the top level. The API and command line refuse a resume without a name (422); the renderer
        // under them is asked directly.
        var resume = ResumeReader.Read(JsonDocument.Parse(json).RootElement).Resume!;
        using var renderer = new ResumeRenderer();
        var pdf = QpdfDocument.Open(renderer.Render(resume, ResumeTemplates.Default().ForSlug("ml-engineer")!, CareerKit.Pdf.Document.Paper.A4).Pdf);
        var document = pdf.Resolve(pdf.Resolve(pdf.Catalog.GetProperty("/StructTreeRoot")).GetProperty("/K"));

        var levels = Headings(pdf, document).ToList();

        Assert.NotEmpty(levels);
        Assert.Equal(1, levels[0]);
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"H{pair.First} then H{pair.Second}: {string.Join(" ", levels)}"));
    }

    /// <summary>The heading levels in reading order (depth first through the structure tree).</summary>
    private static IEnumerable<int> Headings(QpdfDocument pdf, JsonElement element)
    {
        foreach (var kid in Kids(pdf, element))
        {
            var role = kid.GetProperty("/S").GetString()!;
            if (role is "/H1" or "/H2" or "/H3" or "/H4")
            {
                yield return role[2] - '0';
            }

            foreach (var level in Headings(pdf, kid))
            {
                yield return level;
            }
        }
    }

    [Fact]
    public void Mark_info_says_the_document_is_tagged()
    {
        Assert.True(Tagged.Catalog.GetProperty("/MarkInfo").GetProperty("/Marked").GetBoolean());
    }

    [Theory]
    [InlineData(null, null, "en")]
    [InlineData("sv", null, "sv")]
    [InlineData(null, "de-CH", "de-CH")]
    [InlineData("English", null, "en")] // Not a language tag: ignored rather than written.
    public void Lang_is_the_resumes_language_or_english(string? metaLanguage, string? basicsLanguage, string expected)
    {
        var json = JsonNode.Parse(File.ReadAllText(Source))!.AsObject();
        if (metaLanguage is not null)
        {
            json["meta"]!["language"] = metaLanguage;
        }

        if (basicsLanguage is not null)
        {
            json["basics"]!["language"] = basicsLanguage;
        }

        var pdf = QpdfDocument.Open(Render(json.ToJsonString()));

        Assert.Equal(expected, QpdfDocument.Text(pdf.Catalog.GetProperty("/Lang")));
    }

    [Fact]
    public void Xmp_metadata_has_the_title_and_claims_pdf_ua_1()
    {
        var pdf = Tagged;
        var metadata = pdf.Catalog.GetProperty("/Metadata");
        Assert.Equal("/XML", pdf.Resolve(metadata).GetProperty("/Subtype").GetString());

        var xmp = System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(pdf.StreamData(metadata)).Trim('\uFEFF'));
        System.Xml.Linq.XNamespace dc = "http://purl.org/dc/elements/1.1/", rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#", pdfuaid = "http://www.aiim.org/pdfua/ns/id/";
        Assert.Equal("Zoë Ångström: resume", xmp.Descendants(dc + "title").Single().Descendants(rdf + "li").Single().Value);
        Assert.Equal("1", xmp.Descendants(pdfuaid + "part").Single().Value);
        Assert.Equal(QpdfDocument.Text(pdf.Resolve(pdf.Trailer.GetProperty("/Info")).GetProperty("/Title")), xmp.Descendants(dc + "title").Single().Value);
    }

    [Fact]
    public void Viewers_show_the_document_title_not_the_file_name()
    {
        Assert.True(Tagged.Catalog.GetProperty("/ViewerPreferences").GetProperty("/DisplayDocTitle").GetBoolean());
    }

    [Fact]
    public void Every_link_annotation_has_a_description_and_belongs_to_a_link_element()
    {
        var pdf = Tagged;
        var root = pdf.Resolve(pdf.Catalog.GetProperty("/StructTreeRoot"));
        var parentTree = pdf.Resolve(root.GetProperty("/ParentTree")).GetProperty("/Nums").EnumerateArray().ToList();
        var links = pdf.Pages.SelectMany(page => page.TryGetProperty("/Annots", out var annots) ? annots.EnumerateArray().Select(reference => (reference, pdf.Resolve(reference))) : []).ToList();

        Assert.True(links.Count >= 4, "email, website, profile and project links");
        foreach (var (reference, link) in links)
        {
            Assert.Equal("/Link", link.GetProperty("/Subtype").GetString());
            Assert.False(string.IsNullOrWhiteSpace(QpdfDocument.Text(link.GetProperty("/Contents"))));
            var key = link.GetProperty("/StructParent").GetInt32();
            var owner = pdf.Resolve(parentTree[parentTree.FindIndex(entry => entry.ValueKind == JsonValueKind.Number && entry.GetInt32() == key) + 1]);
            Assert.Equal("/Link", owner.GetProperty("/S").GetString());
            Assert.Contains(owner.GetProperty("/K").EnumerateArray(), kid =>
                kid.ValueKind == JsonValueKind.Object && kid.TryGetProperty("/Obj", out var target) && target.GetString() == reference.GetString());
        }

        Assert.Contains(links, link => QpdfDocument.Text(link.Item2.GetProperty("/Contents")) == "zoe@example.com");
    }

    [Fact]
    public void Tab_order_follows_the_structure_on_every_page()
    {
        Assert.All(Tagged.Pages, page => Assert.Equal("/S", page.GetProperty("/Tabs").GetString()));
    }

    [Fact]
    public void Section_rules_are_artifacts_and_all_text_is_marked_content()
    {
        var pdf = Tagged;
        foreach (var page in pdf.Pages)
        {
            var content = Encoding.Latin1.GetString(pdf.StreamData(page.GetProperty("/Contents")));
            Assert.Contains("/Artifact BMC\n", content);
            var depth = 0;
            foreach (var line in content.Split('\n'))
            {
                if (line.EndsWith("BDC", StringComparison.Ordinal) || line.EndsWith("BMC", StringComparison.Ordinal))
                {
                    depth++;
                }
                else if (line == "EMC")
                {
                    depth--;
                }
                else if (line == "BT" || line.EndsWith(" re f", StringComparison.Ordinal))
                {
                    Assert.True(depth > 0, $"drawn outside marked content: {line}");
                }
            }
        }
    }

    private static IEnumerable<JsonElement> Elements(QpdfDocument pdf) =>
        pdf.Objects.Where(item => item.Dictionary.ValueKind == JsonValueKind.Object && item.Dictionary.TryGetProperty("/Type", out var type) && type.GetString() == "/StructElem").Select(item => item.Dictionary);

    private static IEnumerable<JsonElement> Kids(QpdfDocument pdf, JsonElement element)
    {
        var kids = element.GetProperty("/K");
        return (kids.ValueKind == JsonValueKind.Array ? kids.EnumerateArray().ToList() : [kids])
            .Where(kid => kid.ValueKind == JsonValueKind.String)
            .Select(pdf.Resolve)
            .Where(kid => kid.TryGetProperty("/S", out _));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
