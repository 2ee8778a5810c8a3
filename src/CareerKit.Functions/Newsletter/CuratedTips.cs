namespace CareerKit.Newsletter;

/// <summary>The tip library as it stands: the shipped seeds overlaid by editors' tips, with each tip's version.</summary>
public sealed class TipCatalog
{
    /// <summary>The version of a seed tip no editor has changed yet.</summary>
    public const string SeedVersion = "\"seed\"";

    private readonly Dictionary<string, ShelvedTip> _byId;

    public TipCatalog(IReadOnlyList<Tip> seeds, IEnumerable<ShelvedTip> shelved)
    {
        _byId = seeds.ToDictionary(tip => tip.Id, tip => new ShelvedTip(tip, SeedVersion, "", default), StringComparer.Ordinal);
        foreach (var tip in shelved)
        {
            _byId[tip.Tip.Id] = tip;
        }

        // Seeds keep their order (the weekly rotation walks it); editors' new tips follow by id.
        var seedIds = seeds.Select(tip => tip.Id).ToHashSet(StringComparer.Ordinal);
        Entries = [.. seeds.Select(tip => _byId[tip.Id]), .. _byId.Values.Where(entry => !seedIds.Contains(entry.Tip.Id)).OrderBy(entry => entry.Tip.Id, StringComparer.Ordinal)];
        All = [.. Entries.Select(entry => entry.Tip)];
        Active = [.. All.Where(tip => !tip.Retired)];
    }

    /// <summary>Every tip with its version, retired ones too.</summary>
    public IReadOnlyList<ShelvedTip> Entries { get; }

    /// <summary>Every tip, retired ones too: editions that chose a tip keep it.</summary>
    public IReadOnlyList<Tip> All { get; }

    /// <summary>The tips editors and the weekly rotation may pick.</summary>
    public IReadOnlyList<Tip> Active { get; }

    public ShelvedTip? Find(string id) => _byId.GetValueOrDefault(id);

    public IReadOnlyList<string> Topics => [.. All.Select(tip => tip.Topic).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

/// <summary>
/// The tip library: seeds/tips (read once; a broken library stops its first use with the reasons) and editors'
/// changes from <see cref="TipShelf"/>. The merged catalog is kept for a few seconds, and forgotten at once
/// after this instance writes, so pages stay fast and an editor sees their own change.
/// </summary>
public sealed class CuratedTips
{
    private static readonly long FreshForMs = 10_000;

    private readonly Lazy<IReadOnlyList<Tip>> _seeds;
    private readonly TipShelf _shelf;
    private (TipCatalog Catalog, long LoadedAt)? _current;

    public CuratedTips(string folder, TipShelf shelf)
    {
        _shelf = shelf;
        _seeds = new(() =>
        {
            var (tips, problems) = TipLibrary.Load(folder);
            return problems.Count == 0 ? tips : throw new InvalidOperationException($"The tip library in {folder} has problems: {string.Join("; ", problems)}");
        });
    }

    public IReadOnlyList<Tip> Seeds => _seeds.Value;

    public async Task<TipCatalog> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && Environment.TickCount64 - current.LoadedAt < FreshForMs)
        {
            return current.Catalog;
        }

        var catalog = new TipCatalog(Seeds, await _shelf.AllAsync(cancellationToken));
        _current = (catalog, Environment.TickCount64);
        return catalog;
    }

    /// <summary>After a change: the next read goes to storage.</summary>
    public void Forget() => _current = null;
}
