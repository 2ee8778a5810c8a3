using System.Text;
using CareerKit.Newsletter;
using Outcome = CareerKit.Editor.DeskOutcome<CareerKit.Editor.TipView>;

namespace CareerKit.Editor;

/// <summary>What an editor sends for a tip, as the JSON API and the tip form take it. A new tip's id defaults to its title, slugged.</summary>
/// <param name="Start">The tip's place in its tracks' "start here" list (the welcome email's), 1 first; null: not a start-here tip. A change sends the whole tip, so leaving it out clears it.</param>
public sealed record TipInput(string? Id, string? Title, IReadOnlyList<string>? Tracks, string? Topic, string? Source, string? Body, int? Start = null);

/// <summary>A tip as editors see it: its text, whether it is retired, and the version that guards the next change.</summary>
public sealed record TipView(string Id, string Title, IReadOnlyList<string> Tracks, string Topic, string Source, string Body, bool Retired, string Version, string UpdatedBy, DateTimeOffset? UpdatedAt)
{
    public static TipView From(ShelvedTip entry) => new(entry.Tip.Id, entry.Tip.Title, entry.Tip.Tracks, entry.Tip.Topic, entry.Tip.Source, entry.Tip.Body,
        entry.Tip.Retired, entry.ETag, entry.UpdatedBy, entry.UpdatedAt == default ? null : entry.UpdatedAt) { Start = entry.Tip.Start };

    /// <summary>The tip's place in the welcome email's "start here" list, kept through retirements.</summary>
    public int? Start { get; init; }

    /// <summary>Sent, useful, not for me: on searches and single tips (not on the answer to a change).</summary>
    public TipFigures? Feedback { get; init; }
}

/// <summary>
/// The editor's tip desk: search, add, edit, retire and restore tips. Seed tips are edited by storing the editor's
/// version under the same id, so a fresh install still starts from seeds/tips. Every change needs the version it was made from.
/// </summary>
public sealed class TipDesk(CuratedTips tips, TipShelf shelf, FeedbackFigures figures, AuditLog audit, TimeProvider time)
{
    private const string Problems = "The tip has problems.";
    private static readonly Outcome NoSuchTip = Outcome.Refused(StatusCodes.Status404NotFound, "No such tip.", "See the tip library for the tips there are.");
    private static readonly Outcome Stale = Outcome.Refused(StatusCodes.Status412PreconditionFailed, "Someone else changed this tip.", "Another editor saved it after you opened it. Reload it, then make your change again.");
    private static readonly Outcome Unversioned = Outcome.Refused(StatusCodes.Status428PreconditionRequired, "Say which version you changed.", "Send the tip's version (its ETag) in an If-Match header.");

    /// <summary>Tips matching every filter given: track (a tip for both tracks matches either), topic, and words in the title or body.</summary>
    public async Task<List<TipView>> SearchAsync(string? track, string? topic, string? query, bool includeRetired, CancellationToken cancellationToken)
    {
        var catalog = await tips.CurrentAsync(cancellationToken);
        var words = (query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // No filter is every tip (as for both). A track this does not know matches the tips for both only, as it did
        // before tracks had a type; refusing it would change what the editor's API answers.
        Track? forTrack = string.IsNullOrEmpty(track) ? Track.Both : Tracks.TryFromCode(track, out var known) ? known : null;
        var byTip = await figures.ByTipAsync(cancellationToken);
        return [.. catalog.Entries
            .Where(entry => includeRetired || !entry.Tip.Retired)
            .Where(entry => forTrack is { } wanted ? entry.Tip.AppliesTo(wanted) : entry.Tip.Tracks.Contains(Track.Both.Code()))
            .Where(entry => string.IsNullOrEmpty(topic) || entry.Tip.Topic == topic)
            .Where(entry => words.All(word => entry.Tip.Title.Contains(word, StringComparison.CurrentCultureIgnoreCase) || entry.Tip.Body.Contains(word, StringComparison.CurrentCultureIgnoreCase)))
            .Select(entry => TipView.From(entry) with { Feedback = byTip.GetValueOrDefault(entry.Tip.Id, TipFigures.None) })];
    }

    public async Task<TipView?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await tips.CurrentAsync(cancellationToken)).Find(id) is { } entry
            ? TipView.From(entry) with { Feedback = (await figures.ByTipAsync(cancellationToken)).GetValueOrDefault(id, TipFigures.None) }
            : null;

    public async Task<Outcome> AddAsync(TipInput input, string editor, CancellationToken cancellationToken)
    {
        var id = string.IsNullOrWhiteSpace(input.Id) ? Slug(input.Title ?? "") : input.Id.Trim();
        var tip = ToTip(id, input);
        if (TipLibrary.Check(tip) is { Count: > 0 } problems)
        {
            return Outcome.Invalid(Problems, problems);
        }

        var catalog = await tips.CurrentAsync(cancellationToken);
        var added = catalog.Find(id) is null ? await shelf.TryAddAsync(tip, editor, time.GetUtcNow(), cancellationToken) : null;
        if (added is null)
        {
            return Outcome.Invalid(Problems, new() { ["id"] = [$"A tip with the id '{id}' exists already; give this one another id."] });
        }

        tips.Forget();
        await audit.RecordAsync(editor, "added tip", $"{id}: {tip.Title}", cancellationToken);
        return Outcome.Done(TipView.From(added), StatusCodes.Status201Created);
    }

    public async Task<Outcome> EditAsync(string id, string? version, TipInput input, string editor, CancellationToken cancellationToken)
    {
        var check = await ChangeableAsync(id, version, cancellationToken);
        if (check.Value is not { } current)
        {
            return check;
        }

        var tip = ToTip(id, input) with { Retired = current.Retired };
        return TipLibrary.Check(tip) is { Count: > 0 } problems
            ? Outcome.Invalid(Problems, problems)
            : await SaveAsync(tip, current.Version, editor, "edited tip", cancellationToken);
    }

    /// <summary>Retires a tip (no longer picked for new editions) or brings it back.</summary>
    public async Task<Outcome> SetRetiredAsync(string id, string? version, bool retired, string editor, CancellationToken cancellationToken)
    {
        var check = await ChangeableAsync(id, version, cancellationToken);
        if (check.Value is not { } current)
        {
            return check;
        }

        var tip = new Tip(current.Id, current.Title, current.Tracks, current.Topic, current.Source, current.Body) { Retired = retired, Start = current.Start };
        return await SaveAsync(tip, current.Version, editor, retired ? "retired tip" : "restored tip", cancellationToken);
    }

    private async Task<Outcome> ChangeableAsync(string id, string? version, CancellationToken cancellationToken)
    {
        tips.Forget(); // A change is checked against storage, never against this instance's cached copy.
        return (await tips.CurrentAsync(cancellationToken)).Find(id) switch
        {
            null => NoSuchTip,
            _ when string.IsNullOrEmpty(version) => Unversioned,
            { } entry when entry.ETag == version => Outcome.Done(TipView.From(entry)),
            _ => Stale,
        };
    }

    private async Task<Outcome> SaveAsync(Tip tip, string version, string editor, string action, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var saved = version == TipCatalog.SeedVersion
            ? await shelf.TryAddAsync(tip, editor, now, cancellationToken) // The first change to a seed tip.
            : await shelf.TryReplaceAsync(tip, version, editor, now, cancellationToken);
        tips.Forget();
        if (saved is null)
        {
            return Stale;
        }

        await audit.RecordAsync(editor, action, $"{tip.Id}: {tip.Title}", cancellationToken);
        return Outcome.Done(TipView.From(saved));
    }

    private static Tip ToTip(string id, TipInput input) => new(
        id, input.Title?.Trim() ?? "", [.. (input.Tracks ?? []).Select(track => track.Trim())], input.Topic?.Trim().ToLowerInvariant() ?? "",
        input.Source?.Trim() ?? "", input.Body?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() ?? "")
    {
        Start = input.Start,
    };

    /// <summary>"Ship a RAG demo!" becomes "ship-a-rag-demo".</summary>
    public static string Slug(string title)
    {
        var slug = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                slug.Append(c);
            }
            else if ((char.IsWhiteSpace(c) || c is '-' or '_' or '/' or '.') && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-');
        return text.Length > TipLibrary.MaxIdLength ? text[..TipLibrary.MaxIdLength].TrimEnd('-') : text;
    }
}
