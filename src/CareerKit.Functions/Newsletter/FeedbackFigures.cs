namespace CareerKit.Newsletter;

/// <summary>
/// Each tip's figures for editors: sent (recipients of the sent editions that carried it) from the editions table, and
/// the answers from the tips' counts rows. Aggregates only: who answered what is never read here.
/// </summary>
public sealed class FeedbackFigures(EditionStore editions, FeedbackStore feedback)
{
    public async Task<IReadOnlyDictionary<string, TipFigures>> ByTipAsync(CancellationToken cancellationToken)
    {
        var sent = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var edition in await editions.SentAsync(cancellationToken))
        {
            foreach (var tipId in edition.TipIds.Distinct(StringComparer.Ordinal))
            {
                sent[tipId] = sent.GetValueOrDefault(tipId) + edition.Recipients;
            }
        }

        // Feedback links go out only in sent editions, so only their tips can have answers.
        var counts = await feedback.CountsAsync(sent.Keys, cancellationToken);
        return sent.Keys.ToDictionary(
            tipId => tipId,
            tipId => new TipFigures(sent.GetValueOrDefault(tipId), counts.GetValueOrDefault(tipId).Useful, counts.GetValueOrDefault(tipId).NotForMe),
            StringComparer.Ordinal);
    }
}
