using CareerKit.Pdf.Elements;
using CareerKit.Pdf.Fonts;
using CareerKit.Pdf.Layout;
using CareerKit.Pdf.Text;

namespace CareerKit.Pdf.Tests;

/// <summary>Given this space and this content: these sizes and these breaks (QuestPDF's layout tests, in small).</summary>
public sealed class LayoutTests
{
    private static readonly NoSurface Canvas = new();

    [Fact]
    public void A_column_places_children_until_one_does_not_fit()
    {
        var column = new Column([Box(30), Box(30), Box(30)], gap: 10);

        Assert.Equal(SpacePlan.Partial(100, 70), column.Measure(new Size(100, 80)));
        Assert.Equal(SpacePlan.Full(100, 110), column.Measure(new Size(100, 200)));
    }

    [Fact]
    public void A_column_whose_first_child_does_not_fit_wraps()
    {
        Assert.Equal(SpacePlan.Wrap(), new Column([Box(50)]).Measure(new Size(100, 40)));
    }

    [Fact]
    public void A_column_continues_on_the_next_page_where_it_stopped()
    {
        var column = new Column([Box(30), Box(30), Box(30)], gap: 10);
        var page = new Size(100, 75);

        Assert.Equal(SpacePlanKind.PartialRender, column.Measure(page).Kind);
        column.Draw(Canvas, page);

        Assert.Equal(SpacePlan.Full(100, 30), column.Measure(page));
        column.Draw(Canvas, page);
        Assert.Equal(SpacePlan.Empty(), column.Measure(page));
    }

    [Fact]
    public void A_splittable_child_fills_the_rest_of_the_page_and_goes_on()
    {
        var column = new Column([Box(30), Box(100, splittable: true)]);

        Assert.Equal(SpacePlan.Partial(100, 80), column.Measure(new Size(100, 80)));
    }

    [Fact]
    public void Keep_together_moves_content_to_the_next_page_rather_than_start_it_in_too_little_space()
    {
        var section = new EnsureSpace(new Column([Box(20), Box(200, splittable: true)]), minHeight: 60);

        Assert.Equal(SpacePlan.Wrap(), section.Measure(new Size(100, 50)));
        Assert.Equal(SpacePlanKind.PartialRender, section.Measure(new Size(100, 120)).Kind);
    }

    [Fact]
    public void Keep_together_on_a_fresh_page_still_splits_a_long_section()
    {
        var section = new EnsureSpace(new Column([Box(20), Box(500, splittable: true)]), minHeight: 60);
        var page = new Size(100, 300);

        Assert.Equal(SpacePlan.Partial(100, 300), section.Measure(page));
        section.Draw(Canvas, page);
        Assert.Equal(SpacePlan.Full(100, 220), section.Measure(page));
    }

    [Fact]
    public void An_entry_that_would_start_a_page_brings_the_last_lines_before_it_along()
    {
        // Parsers split entries at a vertical gap; across a page break the next line sits higher, so an entry at the
        // top of a page would be read as part of the one before.
        var column = new Column([Box(50, splittable: true), new Spacer(5), new EnsureSpace(Box(30), minHeight: 10, carried: 20)]);
        var page = new Size(100, 60);

        Assert.Equal(SpacePlan.Partial(100, 30), column.Measure(page));
        column.Draw(Canvas, page);
        Assert.Equal(SpacePlan.Full(100, 55), column.Measure(page));
    }

    [Fact]
    public void An_entry_after_a_split_brings_enough_of_the_one_before_along()
    {
        var column = new Column([Box(70, splittable: true), new EnsureSpace(Box(30), minHeight: 10, carried: 20)]);
        var page = new Size(100, 60);

        Assert.Equal(SpacePlan.Partial(100, 50), column.Measure(page));
        column.Draw(Canvas, page);
        Assert.Equal(SpacePlan.Full(100, 50), column.Measure(page));
    }

    [Fact]
    public void An_entry_too_short_to_split_moves_whole_and_the_one_before_it_gives_up_its_end()
    {
        var column = new Column([
            new EnsureSpace(Box(60, splittable: true), minHeight: 10, carried: 20),
            new EnsureSpace(Box(30), minHeight: 10, carried: 20),
            new EnsureSpace(Box(30), minHeight: 10, carried: 20),
        ]);
        var page = new Size(100, 100);

        Assert.Equal(SpacePlan.Partial(100, 40), column.Measure(page));
        column.Draw(Canvas, page);
        Assert.Equal(SpacePlan.Full(100, 80), column.Measure(page));
    }

    [Fact]
    public void An_entry_still_starts_a_page_when_what_precedes_it_cannot_be_split()
    {
        var column = new Column([Box(50), new EnsureSpace(Box(30), minHeight: 10, carried: 20)]);

        Assert.Equal(SpacePlan.Partial(100, 50), column.Measure(new Size(100, 60)));
    }

    [Fact]
    public void A_row_is_kept_whole()
    {
        Assert.Equal(SpacePlan.Wrap(), new Row(Box(100, splittable: true), Box(10), rightWidth: 40).Measure(new Size(200, 50)));
        Assert.Equal(SpacePlan.Full(200, 30), new Row(Box(30), Box(10), rightWidth: 40).Measure(new Size(200, 50)));
    }

    [Fact]
    public void A_row_taller_than_a_whole_page_is_split_between_pages_rather_than_refused()
    {
        var row = new Row(Box(500, splittable: true), Box(10), rightWidth: 40, pageHeight: 300);
        var page = new Size(200, 300);

        Assert.Equal(SpacePlan.Partial(200, 300), row.Measure(page));
        row.Draw(Canvas, page);
        Assert.Equal(SpacePlan.Full(200, 200), row.Measure(page));
        row.Draw(Canvas, page);
        Assert.Equal(SpacePlan.Empty(), row.Measure(page));
    }

    [Fact]
    public void A_row_that_fits_on_a_page_still_moves_whole_to_the_next_one()
    {
        var row = new Row(Box(100, splittable: true), Box(10), rightWidth: 40, pageHeight: 300);

        Assert.Equal(SpacePlan.Wrap(), row.Measure(new Size(200, 50)));
    }

    [Fact]
    public void A_paragraph_wraps_to_the_width_and_splits_between_lines()
    {
        using var fonts = new FontSet(Fonts.DejaVu);
        var text = fonts.Prepare("one two three four five six seven eight nine ten eleven twelve", FontStyle.Regular);
        fonts.Build();
        var breaker = new LineBreaker(fonts);
        var style = TextStyle.Body; // 10 pt, 13 pt lines
        var paragraph = new Paragraph(breaker, [new TextRun(text, style)]);

        var lines = breaker.Break([new TextRun(text, style)], 100);
        Assert.True(lines.Count >= 3);
        Assert.All(lines, line => Assert.True(line.Width <= 100, $"a line is {line.Width} wide"));

        var twoLines = paragraph.Measure(new Size(100, 27));
        Assert.Equal(SpacePlanKind.PartialRender, twoLines.Kind);
        Assert.Equal(26, twoLines.Size.Height, 2);
        Assert.Equal(SpacePlan.Wrap(), paragraph.Measure(new Size(100, 12)));
    }

    private static Element Box(float height, bool splittable = false) => new FakeBox(height, splittable);

    /// <summary>A box of fixed height, 100 wide; a splittable one fills whatever height it is given.</summary>
    private sealed class FakeBox(float height, bool splittable) : Element
    {
        private float _drawn;

        public override SpacePlan Measure(Size available)
        {
            var left = height - _drawn;
            if (left <= 0)
            {
                return SpacePlan.Empty();
            }

            if (left <= available.Height)
            {
                return SpacePlan.Full(100, left);
            }

            return splittable && available.Height > 0 ? SpacePlan.Partial(100, available.Height) : SpacePlan.Wrap();
        }

        public override void Draw(Surface canvas, Size available) => _drawn += Math.Min(height - _drawn, available.Height);
    }
}
