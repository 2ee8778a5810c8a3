using CareerKit.Email;
using CareerKit.Newsletter;
using CareerKit.Subscriptions;
using Outcome = CareerKit.Editor.DeskOutcome<CareerKit.Editor.EditionDraft>;

namespace CareerKit.Editor;

/// <summary>
/// The editor's desk: create, edit, test-send, schedule and cancel editions. The JSON API and the pages both work
/// through it, so they behave alike. Every change needs the version it was made from.
/// </summary>
public sealed class EditionDesk(EditionDrafts drafts, EditionStore editions, EditionBoard board, EditionPreview preview, EditionGate gate, CuratedTips tips, IEmailSender sender, AuditLog audit, TimeProvider time)
{
    private const string Problems = "The edition has problems.";
    private static readonly Outcome NoSuchEdition = Outcome.Refused(StatusCodes.Status404NotFound, "No such edition.", "See the list of editions.");
    private static readonly Outcome Stale = Outcome.Refused(StatusCodes.Status412PreconditionFailed, "Someone else changed this edition.", "Another editor saved it after you opened it. Reload it, then make your change again.");
    private static readonly Outcome Unversioned = Outcome.Refused(StatusCodes.Status428PreconditionRequired, "Say which version you changed.", "Send the edition's ETag in an If-Match header.");

    public async Task<Outcome> CreateAsync(DraftInput input, string editor, CancellationToken cancellationToken)
    {
        if (input.Validate((await tips.CurrentAsync(cancellationToken)).Active) is { Count: > 0 } problems)
        {
            return Outcome.Invalid(Problems, problems);
        }

        var draft = await drafts.AddAsync(Apply(input, new EditionDraft(EditionDrafts.NewId(), Track.Both, "", "", "", [], DraftStatus.Draft, null, "", default, ""), editor), cancellationToken);
        board.Forget();
        await audit.RecordAsync(editor, "created edition", $"{draft.Id}: {draft.Subject}", cancellationToken);
        return Outcome.Done(draft, StatusCodes.Status201Created);
    }

    /// <summary>The edition, with "sending" or "sent" once the dispatcher has started it.</summary>
    public async Task<EditionDraft?> FindAsync(string id, CancellationToken cancellationToken) =>
        await drafts.FindAsync(id, cancellationToken) is { } draft ? await WithSendingStatusAsync(draft, cancellationToken) : null;

    /// <summary>Every editor's edition, most recently changed first, with "sending" or "sent" once the dispatcher has started it.</summary>
    public async Task<IReadOnlyList<EditionDraft>> ListAsync() => (await board.ReadAsync()).Drafts;

    public async Task<Outcome> UpdateAsync(string id, string? version, DraftInput input, string editor, CancellationToken cancellationToken)
    {
        var check = await ChangeableAsync(id, version, cancellationToken);
        if (check.Value is not { } draft)
        {
            return check;
        }

        if (draft.Status != DraftStatus.Draft)
        {
            return Outcome.Refused(StatusCodes.Status409Conflict, "Only a draft can be edited.",
                draft.Status == DraftStatus.Scheduled ? "Move it back to drafts first (POST …/unschedule), edit it, then schedule it again." : $"This edition is {draft.Status}.");
        }

        return input.Validate((await tips.CurrentAsync(cancellationToken)).Active) is { Count: > 0 } problems
            ? Outcome.Invalid(Problems, problems)
            : await SaveAsync(Apply(input, draft, editor), editor, "edited edition", cancellationToken);
    }

    public async Task<Outcome> TestSendAsync(string id, string? to, string editor, CancellationToken cancellationToken)
    {
        if (await drafts.FindAsync(id, cancellationToken) is not { } draft)
        {
            return NoSuchEdition;
        }

        if (!EmailAddress.TryNormalize(to, out var address, out var error))
        {
            return Outcome.Invalid(Problems, new() { ["to"] = [error] });
        }

        var edition = await preview.ComposeAsync(draft, draft.SendAt ?? time.GetUtcNow(), cancellationToken);
        if (gate.Check(edition) is { Passes: false } report)
        {
            return Outcome.Blocked(report);
        }

        var (html, text) = EditionComposer.Personalize(edition, gate.SampleRecipient);
        await sender.SendAsync(new EmailMessage(address, $"[TEST] {draft.Subject}", html, text) { Categories = ["editor-test"] }, cancellationToken);
        await audit.RecordAsync(editor, "sent a test", draft.Id, cancellationToken); // Not the address: the audit log keeps no personal data.
        return Outcome.Done(draft, StatusCodes.Status202Accepted);
    }

    public async Task<Outcome> ScheduleAsync(string id, string? version, DateTimeOffset? sendAt, string editor, CancellationToken cancellationToken)
    {
        var check = await ChangeableAsync(id, version, cancellationToken);
        if (check.Value is not { } draft)
        {
            return check;
        }

        if (sendAt is not { } when)
        {
            return Outcome.Invalid(Problems, new() { ["sendAt"] = ["Give the date and time to send, with its time zone, e.g. 2026-12-01T09:00:00+01:00."] });
        }

        if (when <= time.GetUtcNow())
        {
            return Outcome.Invalid(Problems, new() { ["sendAt"] = ["Pick a time in the future."] });
        }

        if (draft.Status is not (DraftStatus.Draft or DraftStatus.Scheduled))
        {
            return Outcome.Refused(StatusCodes.Status409Conflict, "This edition cannot be scheduled.", $"It is {draft.Status}.");
        }

        var edition = await preview.ComposeAsync(draft, when, cancellationToken);
        if (gate.Check(edition) is { Passes: false } report)
        {
            return Outcome.Blocked(report); // Before anything moves: a scheduled edition stays scheduled as it was.
        }

        if (draft.Status == DraftStatus.Scheduled && !await editions.TryUnscheduleAsync(draft.Track, Edition.IsoWeekOf(draft.SendAt!.Value), cancellationToken))
        {
            return Outcome.Refused(StatusCodes.Status409Conflict, "This edition is being sent already.", "It can no longer be rescheduled.");
        }

        if (await editions.TryScheduleAsync(edition, when.ToUniversalTime(), cancellationToken) is null)
        {
            if (draft.Status == DraftStatus.Scheduled)
            {
                await drafts.TryReplaceAsync(draft with { Status = DraftStatus.Draft, SendAt = null }, cancellationToken); // Its old week is free now.
                board.Forget();
            }

            return Outcome.Refused(StatusCodes.Status409Conflict, "That week already has an edition for this track.", $"Week {Edition.IsoWeekOf(when)} has one; pick another week.");
        }

        return await SaveAsync(draft with { Status = DraftStatus.Scheduled, SendAt = when.ToUniversalTime(), UpdatedBy = editor, UpdatedAt = time.GetUtcNow() },
            editor, $"scheduled edition for {when.ToUniversalTime():yyyy-MM-dd HH:mm} UTC", cancellationToken);
    }

    public async Task<Outcome> CancelAsync(string id, string? version, string editor, CancellationToken cancellationToken)
    {
        var check = await ChangeableAsync(id, version, cancellationToken);
        if (check.Value is not { } draft)
        {
            return check;
        }

        if (draft.Status is DraftStatus.Sent || (draft.Status == DraftStatus.Scheduled && !await editions.TryUnscheduleAsync(draft.Track, Edition.IsoWeekOf(draft.SendAt!.Value), cancellationToken)))
        {
            return Outcome.Refused(StatusCodes.Status409Conflict, "This edition is being sent already.", "Sending has started; it can no longer be cancelled.");
        }

        return await SaveAsync(draft with { Status = DraftStatus.Cancelled, UpdatedBy = editor, UpdatedAt = time.GetUtcNow() }, editor, "cancelled edition", cancellationToken);
    }

    /// <summary>Takes a scheduled edition off the schedule, back to a draft that can be edited and scheduled again.</summary>
    public async Task<Outcome> UnscheduleAsync(string id, string? version, string editor, CancellationToken cancellationToken)
    {
        var check = await ChangeableAsync(id, version, cancellationToken);
        if (check.Value is not { } draft)
        {
            return check;
        }

        if (draft.Status != DraftStatus.Scheduled)
        {
            return Outcome.Refused(StatusCodes.Status409Conflict, "Only a scheduled edition can go back to drafts.", $"This edition is {draft.Status}.");
        }

        if (!await editions.TryUnscheduleAsync(draft.Track, Edition.IsoWeekOf(draft.SendAt!.Value), cancellationToken))
        {
            return Outcome.Refused(StatusCodes.Status409Conflict, "This edition is being sent already.", "Sending has started; it can no longer be changed.");
        }

        return await SaveAsync(draft with { Status = DraftStatus.Draft, SendAt = null, UpdatedBy = editor, UpdatedAt = time.GetUtcNow() }, editor, "moved edition back to drafts", cancellationToken);
    }

    private EditionDraft Apply(DraftInput input, EditionDraft draft, string editor) => draft with
    {
        Track = Tracks.FromCode(input.Track!), // validated
        Subject = input.Subject!.Trim(),
        Preheader = input.Preheader?.Trim() ?? "",
        Intro = input.Intro ?? "",
        TipIds = input.TipIds!,
        UpdatedBy = editor,
        UpdatedAt = time.GetUtcNow(),
    };

    /// <returns>The draft when <paramref name="version"/> is its current version; otherwise why not.</returns>
    private async Task<Outcome> ChangeableAsync(string id, string? version, CancellationToken cancellationToken) =>
        await drafts.FindAsync(id, cancellationToken) switch
        {
            null => NoSuchEdition,
            _ when string.IsNullOrEmpty(version) => Unversioned,
            { } draft when draft.ETag == version => Outcome.Done(draft),
            _ => Stale,
        };

    private async Task<Outcome> SaveAsync(EditionDraft draft, string editor, string action, CancellationToken cancellationToken)
    {
        var saved = await drafts.TryReplaceAsync(draft, cancellationToken);
        board.Forget(); // After the writes (the edition's week too): the next list shows them.
        if (saved is null)
        {
            return Stale;
        }

        await audit.RecordAsync(editor, action, $"{saved.Id}: {saved.Subject}", cancellationToken);
        return Outcome.Done(saved);
    }

    private async Task<EditionDraft> WithSendingStatusAsync(EditionDraft draft, CancellationToken cancellationToken) =>
        draft is { Status: DraftStatus.Scheduled, SendAt: { } sendAt } && await editions.FindAsync(draft.Track, Edition.IsoWeekOf(sendAt), cancellationToken) is { } edition
            ? draft with { Status = SendingStatus(edition.Status) }
            : draft;

    internal static string SendingStatus(EditionStatus status) =>
        status switch { EditionStatus.Queued => DraftStatus.Sent, EditionStatus.Composed => DraftStatus.Sending, _ => DraftStatus.Scheduled };
}
