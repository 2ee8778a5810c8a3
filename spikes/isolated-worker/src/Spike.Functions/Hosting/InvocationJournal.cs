using System.Collections.Concurrent;

namespace Spike.Hosting;

/// <summary>What the spike's functions saw, so the tests can tell what ran and with what (the product's functions have real effects to check instead).</summary>
public sealed class InvocationJournal
{
    public ConcurrentQueue<(string Function, string Detail)> Entries { get; } = new();

    public void Record(string function, string detail) => Entries.Enqueue((function, detail));
}
