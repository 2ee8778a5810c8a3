namespace CareerKit.Editor;

/// <summary>
/// <c>careerkit editors add NAME</c> (prints a new key, once), <c>editors list</c>, <c>editors revoke NAME</c>:
/// run against the app's own storage settings. Every change goes to the audit log as done by "cli".
/// </summary>
public static class EditorCommands
{
    public const int Ok = 0;
    public const int BadInput = 2;
    private const string Usage = "usage: careerkit editors add NAME | editors list | editors revoke NAME";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "editors";

    public static async Task<int> RunAsync(string[] args, EditorKeys keys, AuditLog audit, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        switch (args.Skip(1).ToArray())
        {
            case ["add", var name] when EditorKeys.IsValidName(name):
                if (await keys.AddAsync(name, cancellationToken) is not { } key)
                {
                    error.WriteLine($"An editor named '{name}' exists already. Revoke it first, or pick another name.");
                    return BadInput;
                }

                await audit.RecordAsync("cli", "added editor", name, cancellationToken);
                output.WriteLine($"Editor '{name}' added. Their key (shown only this once; store it in a password manager):");
                output.WriteLine(key);
                return Ok;
            case ["add", var name]:
                error.WriteLine($"'{name}' is not a valid editor name: use 1 to 40 letters, digits, dots, dashes or underscores.");
                return BadInput;
            case ["list"]:
                var editors = await keys.ListAsync(cancellationToken);
                output.WriteLine(editors.Count == 0 ? "No editors yet. Add one with: careerkit editors add NAME" : "NAME\tADDED (UTC)\tSTATUS");
                foreach (var editor in editors)
                {
                    output.WriteLine($"{editor.Name}\t{editor.CreatedAt:yyyy-MM-dd HH:mm}\t{(editor.IsActive ? "active" : $"revoked {editor.RevokedAt:yyyy-MM-dd HH:mm}")}");
                }

                return Ok;
            case ["revoke", var name]:
                if (!await keys.RevokeAsync(name, cancellationToken))
                {
                    error.WriteLine($"There is no active editor named '{name}'. See: careerkit editors list");
                    return BadInput;
                }

                await audit.RecordAsync("cli", "revoked editor", name, cancellationToken);
                output.WriteLine($"Editor '{name}' revoked: their key and sessions stop working now.");
                return Ok;
            default:
                error.WriteLine(Usage);
                return BadInput;
        }
    }
}
