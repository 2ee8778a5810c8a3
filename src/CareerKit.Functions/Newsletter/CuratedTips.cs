namespace CareerKit.Newsletter;

/// <summary>The tip library shipped with the app (seeds/tips), read once. A broken library stops its first use with the reasons.</summary>
public sealed class CuratedTips
{
    private readonly Lazy<IReadOnlyList<Tip>> _tips;

    public CuratedTips(string folder) => _tips = new(() =>
    {
        var (tips, problems) = TipLibrary.Load(folder);
        return problems.Count == 0 ? tips : throw new InvalidOperationException($"The tip library in {folder} has problems: {string.Join("; ", problems)}");
    });

    public IReadOnlyList<Tip> All => _tips.Value;
}
