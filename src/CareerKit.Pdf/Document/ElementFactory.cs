using CareerKit.Pdf.Elements;
using CareerKit.Pdf.Fonts;
using CareerKit.Pdf.Layout;
using CareerKit.Pdf.Text;

namespace CareerKit.Pdf.Document;

/// <summary>Turns content blocks into a fresh element tree (one per pass over the pages) for pages <paramref name="pageHeight"/> high.</summary>
internal sealed class ElementFactory(LineBreaker breaker, float pageHeight)
{
    public const string BulletCharacter = "\u2022";
    private const float BulletIndent = 12;

    /// <summary>Passes every run through the font set: placeholders for missing characters, and the subset's usage.</summary>
    public static IReadOnlyList<Block> Prepare(IReadOnlyList<Block> blocks, FontSet fonts) => blocks.Select(block => Prepare(block, fonts)).ToList();

    public Element Create(IReadOnlyList<Block> blocks) => new Column(blocks.Select(Create).ToList());

    private Element Create(Block block) => block switch
    {
        TextBlock text => new Tagged(text.Role, new Paragraph(breaker, text.Runs)),
        RowBlock row => new Tagged(row.Role, new Row(new Paragraph(breaker, row.Left), new Paragraph(breaker, row.Right), breaker.NaturalWidth(row.Right), pageHeight: pageHeight)),
        ListBlock list => new Tagged(StructureRole.List, new Column(list.Items.Select(ListItem).ToList())),
        RuleBlock rule => new Rule(rule.Thickness, rule.Color),
        SpacingBlock spacing => new Spacer(spacing.Height),
        GroupBlock group => new EnsureSpace(Create(group.Blocks), group.MinHeight, group.Carried),
        _ => throw new InvalidOperationException($"Unknown block {block.GetType().Name}."),
    };

    private Element ListItem(IReadOnlyList<TextRun> runs) => new Tagged(StructureRole.ListItem, new Bullet(
        new Tagged(StructureRole.Label, new Paragraph(breaker, [new TextRun(BulletCharacter, BulletStyle(runs))])),
        new Tagged(StructureRole.ListBody, new Paragraph(breaker, runs)),
        BulletIndent));

    private static TextStyle BulletStyle(IReadOnlyList<TextRun> runs) => runs.FirstOrDefault()?.Style ?? TextStyle.Body;

    private static Block Prepare(Block block, FontSet fonts)
    {
        IReadOnlyList<TextRun> Runs(IReadOnlyList<TextRun> runs) => runs.Select(run => run with { Text = fonts.Prepare(run.Text, run.Style.Font) }).ToList();

        return block switch
        {
            TextBlock text => text with { Runs = Runs(text.Runs) },
            RowBlock row => row with { Left = Runs(row.Left), Right = Runs(row.Right) },
            ListBlock list => new ListBlock(list.Items.Select(item => (IReadOnlyList<TextRun>)Runs([.. item, new TextRun(BulletCharacter, BulletStyle(item))]).SkipLast(1).ToList()).ToList()),
            GroupBlock group => group with { Blocks = Prepare(group.Blocks, fonts) },
            _ => block,
        };
    }
}
