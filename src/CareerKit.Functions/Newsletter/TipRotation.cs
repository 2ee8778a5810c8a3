namespace CareerKit.Newsletter;

/// <summary>
/// Which tips a track gets next: the first ones in library order it has not had yet. Once every tip for the
/// track has been sent, the rotation starts over, so tips repeat only after the library is exhausted.
/// </summary>
public static class TipRotation
{
    public const int TipsPerEdition = 3;

    /// <summary>
    /// The tips sent in the current round, from the track's past editions in order: a round ends when every
    /// tip for the track has been sent. Derived from the editions themselves, so it cannot drift from them.
    /// </summary>
    public static IReadOnlyCollection<string> CurrentRound(IReadOnlyList<Tip> library, Track track, IEnumerable<IReadOnlyList<string>> pastEditions)
    {
        var eligible = library.Where(tip => tip.AppliesTo(track)).Select(tip => tip.Id).ToHashSet(StringComparer.Ordinal);
        var round = new HashSet<string>(StringComparer.Ordinal);
        foreach (var edition in pastEditions)
        {
            round.UnionWith(edition.Where(eligible.Contains));
            if (eligible.Count > 0 && round.IsSupersetOf(eligible))
            {
                round.Clear();
            }
        }

        return round;
    }

    /// <returns>The tips for this edition, and the ids sent so far including them (the state to store).</returns>
    public static (IReadOnlyList<Tip> Chosen, IReadOnlyList<string> SentAfter) Choose(IReadOnlyList<Tip> library, Track track, IReadOnlyCollection<string> sentBefore, int count = TipsPerEdition)
    {
        var eligible = library.Where(tip => tip.AppliesTo(track)).ToList();
        var sent = new HashSet<string>(sentBefore, StringComparer.Ordinal);
        var chosen = eligible.Where(tip => !sent.Contains(tip.Id)).Take(count).ToList();
        if (chosen.Count < count && eligible.Count > 0)
        {
            // The library is exhausted: start a new round, never repeating a tip inside this edition.
            sent.Clear();
            chosen.AddRange(eligible.Where(tip => !chosen.Contains(tip)).Take(count - chosen.Count));
        }

        sent.UnionWith(chosen.Select(tip => tip.Id));
        return (chosen, eligible.Where(tip => sent.Contains(tip.Id)).Select(tip => tip.Id).ToList());
    }
}
