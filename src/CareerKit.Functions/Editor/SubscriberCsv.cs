using System.Globalization;
using CsvHelper.Configuration;

namespace CareerKit.Editor;

/// <summary>
/// The one rule for the cells of the subscribers CSV, so that an export imports back exactly. The export puts a
/// <c>'</c> before a cell that starts with <c>= + - @</c>, tab or CR (a spreadsheet would run it as a formula) or
/// with <c>'</c> itself; the import takes one leading <c>'</c> off a cell when one of those characters follows it.
/// So <c>=1+1@example.com</c> → <c>'=1+1@example.com</c> → <c>=1+1@example.com</c>, and an address that really
/// starts with a quote, <c>'=1+1@example.com</c> → <c>''=1+1@example.com</c> → <c>'=1+1@example.com</c>.
/// </summary>
internal static class SubscriberCsv
{
    private const char Escape = '\'';
    private static readonly char[] Escaped = ['=', '+', '-', '@', '\t', '\r', Escape];

    /// <summary>CsvHelper's own injection escaping, with the quote added to the characters it escapes.</summary>
    public static CsvConfiguration Export() => new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = Escaped,
        InjectionEscapeCharacter = Escape,
        NewLine = "\n",
    };

    /// <summary>The cell as it was before the export escaped it.</summary>
    public static string? Unescape(string? cell) =>
        cell is { Length: > 1 } && cell[0] == Escape && Escaped.Contains(cell[1]) ? cell[1..] : cell;
}
