using System.Globalization;
using CareerKit.Email;
using CareerKit.Subscriptions;
using CsvHelper;
using CsvHelper.Configuration;

namespace CareerKit.Editor;

/// <summary>How imported people join: each gets a confirmation email (double opt-in), or they consented elsewhere, as the source note records.</summary>
public enum ImportMode
{
    Confirm,
    Consented,
}

/// <summary>One row the import did not add, and why; lines count from 1, the header being line 1.</summary>
public sealed record ImportRowNote(int Line, string Message);

/// <summary>What an import did, row by row.</summary>
public sealed record ImportReport(int Rows, int Added, int ConfirmationsSent, IReadOnlyList<ImportRowNote> Skipped, IReadOnlyList<ImportRowNote> Errors, bool Stopped)
{
    public string Summary => Stopped
        ? $"Stopped early: the email service is unavailable. {Added + ConfirmationsSent} of {Rows} rows done; import the file again later (rows done are skipped then)."
        : $"{Added} added as consented, {ConfirmationsSent} sent a confirmation email, {Skipped.Count} skipped, {Errors.Count} with errors, of {Rows} rows.";
}

/// <summary>
/// Imports subscribers from CSV (columns email, track and optionally first_name; our export's other columns are
/// ignored, so an export can be imported elsewhere, its formula escaping undone by <see cref="SubscriberCsv"/>). Every
/// row is checked like a sign-up. An address that
/// unsubscribed, bounced or was erased is never imported: only the person can sign up again.
/// </summary>
public sealed class SubscriberImport(SubscriberStore store, AddressHasher hasher, SignupHandler signups, AuditLog audit, TimeProvider time)
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 10_000;
    public const int MaxSourceLength = 200;
    private static readonly string[] Required = ["email", "track"];
    private static readonly string[] Known = ["email", "track", "first_name", "firstname", "status", "consented_at", "confirmed_at", "consent_source"];

    /// <returns>Why the request cannot be imported at all (mode, source note, header), or null when rows can be read.</returns>
    public static Dictionary<string, string[]> CheckRequest(ImportMode? mode, string? source)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (mode is null)
        {
            problems["mode"] = ["Choose how these people join: send each a confirmation email, or mark them as having consented elsewhere."];
        }
        else if (mode == ImportMode.Consented && string.IsNullOrWhiteSpace(source))
        {
            problems["source"] = ["Say where these people gave their consent, e.g. \"signed up at the June 2026 meetup\"."];
        }

        if (source is { Length: > MaxSourceLength } || source?.Any(char.IsControl) == true)
        {
            problems["source"] = [$"Keep the source note to one line of at most {MaxSourceLength} characters."];
        }

        return problems;
    }

    public async Task<(ImportReport? Report, string? HeaderProblem)> RunAsync(Stream csv, ImportMode mode, string? source, string editor, CancellationToken cancellationToken)
    {
        var errors = new List<ImportRowNote>();
        var skipped = new List<ImportRowNote>();
        var (rows, added, confirmations) = (0, 0, 0);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var stopped = false;
        var badData = new List<int>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            BadDataFound = args => badData.Add(args.Context.Parser?.RawRow ?? 0),
            MissingFieldFound = null,
            DetectDelimiter = true,
        };
        using var reader = new StreamReader(csv, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvReader(reader, configuration);
        if (!await parser.ReadAsync() || !parser.ReadHeader())
        {
            return (null, "The file is empty. The first line must name the columns: email,first_name,track.");
        }

        if (HeaderProblem(parser.HeaderRecord ?? []) is { } headerProblem)
        {
            return (null, headerProblem);
        }

        var nameColumn = parser.HeaderRecord!.Select(name => name.Trim().ToLowerInvariant()).FirstOrDefault(name => name is "first_name" or "firstname");
        while (await parser.ReadAsync())
        {
            var line = parser.Parser.RawRow;
            if (parser.Parser.Record is { Length: 1 } only && string.IsNullOrWhiteSpace(only[0]))
            {
                continue; // A blank line.
            }

            if (++rows > MaxRows)
            {
                errors.Add(new ImportRowNote(line, $"Not read: an import takes at most {MaxRows:N0} rows. Split the file."));
                break;
            }

            if (badData.Remove(line))
            {
                errors.Add(new ImportRowNote(line, "This line is not valid CSV (check its quotes)."));
                continue;
            }

            var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var input = new SignupInput(SubscriberCsv.Unescape(parser.GetField("email")), nameColumn is null ? null : SubscriberCsv.Unescape(parser.GetField(nameColumn)),
                SubscriberCsv.Unescape(parser.GetField("track")), Consent: true);
            if (SignupRequest.Validate(input, problems) is not { } request)
            {
                errors.Add(new ImportRowNote(line, string.Join(" ", problems.Values.SelectMany(messages => messages))));
                continue;
            }

            if (seen.TryGetValue(request.Email, out var first))
            {
                skipped.Add(new ImportRowNote(line, $"The same address is on line {first}; imported once."));
                continue;
            }

            seen[request.Email] = line;
            try
            {
                switch (await ImportAsync(request, mode, source?.Trim(), cancellationToken))
                {
                    case RowOutcome.Added: added++; break;
                    case RowOutcome.ConfirmationSent: confirmations++; break;
                    case RowOutcome.Throttled: skipped.Add(new ImportRowNote(line, "Already waiting to confirm; a confirmation went out in the last 15 minutes.")); break;
                    case RowOutcome.OnTheList: skipped.Add(new ImportRowNote(line, "Already subscribed.")); break;
                    case RowOutcome.OptedOut: skipped.Add(new ImportRowNote(line, "Not imported: this address unsubscribed, bounced or asked to be erased. Only the person can sign up again.")); break;
                }
            }
            catch (EmailProviderUnavailableException)
            {
                errors.Add(new ImportRowNote(line, "Not done: the email service is unavailable. Import the file again later."));
                stopped = true;
                break;
            }
        }

        var report = new ImportReport(rows, added, confirmations, skipped, errors, stopped);
        await audit.RecordAsync(editor, "imported subscribers", $"{(mode == ImportMode.Consented ? $"as consented ({source?.Trim()})" : "with confirmation emails")}: {report.Summary}", CancellationToken.None);
        return (report, null);
    }

    private enum RowOutcome { Added, ConfirmationSent, Throttled, OnTheList, OptedOut }

    private async Task<RowOutcome> ImportAsync(SignupRequest request, ImportMode mode, string? source, CancellationToken cancellationToken)
    {
        var id = hasher.IdFor(request.Email);
        var existing = await store.FindAsync(id, cancellationToken);
        switch (existing?.Status)
        {
            case SubscriberStatus.Unsubscribed or SubscriberStatus.Suppressed or SubscriberStatus.Erased:
                return RowOutcome.OptedOut;
            case SubscriberStatus.Confirmed:
                return RowOutcome.OnTheList;
        }

        if (mode == ImportMode.Confirm)
        {
            // New or still pending: the same path as a sign-up, so its throttle and outage handling apply.
            return await signups.HandleAsync(request, cancellationToken) == SignupOutcome.Throttled ? RowOutcome.Throttled : RowOutcome.ConfirmationSent;
        }

        var now = time.GetUtcNow();
        var consented = Subscriber.StartPending(id, request, now).Confirm(now) with { ConsentSource = source, ETag = existing?.ETag ?? "" };
        var stored = existing is null ? await store.TryAddAsync(consented, cancellationToken) : await store.TryReplaceAsync(consented, cancellationToken);
        return stored is null ? RowOutcome.OnTheList : RowOutcome.Added; // Null: someone signed up a moment ago.
    }

    private static string? HeaderProblem(string[] header)
    {
        var names = header.Select(name => name.Trim().ToLowerInvariant()).ToList();
        var missing = Required.Where(name => !names.Contains(name)).ToList();
        var unknown = names.Where(name => !Known.Contains(name)).ToList();
        if (header.Length == 0 || missing.Count > 0 || unknown.Count > 0)
        {
            var found = string.Join(",", header.Take(10)).Replace('\n', ' ');
            return $"The first line must name the columns: email,first_name,track (first_name may be left out). Found: \"{(found.Length > 120 ? found[..120] + "…" : found)}\""
                + (missing.Count > 0 ? $"; missing {string.Join(", ", missing)}" : "") + (unknown.Count > 0 ? $"; unknown {string.Join(", ", unknown.Take(5))}" : "") + ".";
        }

        return null;
    }
}
