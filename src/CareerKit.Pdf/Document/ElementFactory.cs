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
        TextBlock text => new Paragraph(breaker, text.Runs),
        RowBlock row => new Row(new Paragraph(breaker, row.Left), new Paragraph(breaker, row.Right), breaker.NaturalWidth(row.Right), pageHeight: pageHeight),
        BulletBlock item => new Bullet(new Paragraph(breaker, [new TextRun(BulletCharacter, item.Runs.FirstOrDefault()?.Style ?? TextStyle.Body)]), new Paragraph(breaker, item.Runs), BulletIndent),
        RuleBlock rule => new Rule(rule.Thickness, rule.Color),
        SpacingBlock spacing => new Spacer(spacing.Height),
        GroupBlock group => new EnsureSpace(Create(group.Blocks), group.MinHeight),
        _ => throw new InvalidOperationException($"Unknown block {block.GetType().Name}."),
    };

    private static Block Prepare(Block block, FontSet fonts)
    {
        IReadOnlyList<TextRun> Runs(IReadOnlyList<TextRun> runs) => runs.Select(run => run with { Text = fonts.Prepare(run.Text, run.Style.Font) }).ToList();

        return block switch
        {
            TextBlock text => new TextBlock(Runs(text.Runs)),
            RowBlock row => new RowBlock(Runs(row.Left), Runs(row.Right)),
            BulletBlock item => new BulletBlock(Runs([.. item.Runs, new TextRun(BulletCharacter, item.Runs.FirstOrDefault()?.Style ?? TextStyle.Body)]).SkipLast(1).ToList()),
            GroupBlock group => new GroupBlock(Prepare(group.Blocks, fonts), group.MinHeight),
            _ => block,
        };
    }
}
