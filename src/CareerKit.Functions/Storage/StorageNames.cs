namespace CareerKit.Storage;

/// <summary>
/// The one rule for the names of an installation's tables, blob containers and queues: each starts with the
/// installation's prefix (<see cref="StorageOptions.PrefixSetting"/>), so two installations on one account never
/// share data. Table names take letters and digits only, so the prefix is put in front as it is ("blue" + "editions");
/// container and queue names take lower-case letters, digits and single hyphens, so it goes in front lower-cased,
/// with a hyphen ("blue-editions"). Without a prefix every name is the plain one, so existing data keeps working.
/// </summary>
public sealed class StorageNames(string prefix)
{
    /// <summary>Leaves room for the longest name after it: a container or queue name is at most 63 characters.</summary>
    public const int MaxPrefixLength = 20;

    public string Table(string name) => prefix + name;

    public string Container(string name) => Hyphenated(name);

    public string Queue(string name) => Hyphenated(name);

    private string Hyphenated(string name) => prefix.Length == 0 ? name : $"{prefix.ToLowerInvariant()}-{name}";
}
