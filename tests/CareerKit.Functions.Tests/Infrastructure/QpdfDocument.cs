using System.Diagnostics;
using System.Text.Json;

namespace CareerKit.Tests.Infrastructure;

/// <summary>
/// A PDF's objects as Debian's qpdf reads them (<c>qpdf --json=2</c>, streams decoded): an independent reader for
/// what our own writer claims, references resolved by object id ("12 0 R").
/// </summary>
internal sealed class QpdfDocument
{
    public const string Qpdf = "/usr/bin/qpdf";
    private readonly Dictionary<string, JsonElement> _objects;

    private QpdfDocument(Dictionary<string, JsonElement> objects, JsonElement trailer)
    {
        _objects = objects;
        Trailer = trailer;
    }

    public JsonElement Trailer { get; }

    public JsonElement Catalog => Resolve(Trailer.GetProperty("/Root"));

    public IEnumerable<(string Id, JsonElement Dictionary)> Objects =>
        _objects.Select(pair => (pair.Key, Dictionary(pair.Value)));

    public IEnumerable<JsonElement> Pages => Resolve(Catalog.GetProperty("/Pages")).GetProperty("/Kids").EnumerateArray().Select(Resolve);

    public static QpdfDocument Open(byte[] pdf)
    {
        var (exitCode, output, errors) = Run(pdf, "--json=2", "--json-stream-data=inline", "--decode-level=generalized");
        Assert.True(exitCode == 0, $"qpdf --json failed ({exitCode}): {errors}");
        using var json = JsonDocument.Parse(output);
        var objects = json.RootElement.GetProperty("qpdf")[1].EnumerateObject().ToDictionary(property => property.Name, property => property.Value.Clone());
        return new QpdfDocument(objects, objects["trailer"].GetProperty("value"));
    }

    /// <summary><c>qpdf --check</c>: its exit code (0 when no errors or warnings) and what it printed.</summary>
    public static (int ExitCode, string Output) Check(byte[] pdf)
    {
        var (exitCode, output, errors) = Run(pdf, "--check");
        return (exitCode, output + errors);
    }

    /// <summary>The dictionary a reference ("12 0 R") points to, or the value itself when it is not a reference.</summary>
    public JsonElement Resolve(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString()!.EndsWith(" R", StringComparison.Ordinal)
            ? Dictionary(_objects[$"obj:{value.GetString()}"])
            : value;

    /// <summary>A stream's decoded bytes.</summary>
    public byte[] StreamData(JsonElement reference) =>
        Convert.FromBase64String(_objects[$"obj:{reference.GetString()}"].GetProperty("stream").GetProperty("data").GetString()!);

    /// <summary>A text string as qpdf gives it ("u:…" for text, "b:…" for bytes), without its prefix.</summary>
    public static string Text(JsonElement value) => value.GetString()! is var text && text.Length > 1 && text[1] == ':' ? text[2..] : text;

    private static JsonElement Dictionary(JsonElement entry) =>
        entry.TryGetProperty("value", out var value) ? value : entry.GetProperty("stream").GetProperty("dict");

    private static (int ExitCode, string Output, string Errors) Run(byte[] pdf, params string[] arguments)
    {
        Assert.True(File.Exists(Qpdf), "qpdf is missing: apt-get install -y qpdf");
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, pdf);
            using var process = Process.Start(new ProcessStartInfo(Qpdf, [.. arguments, file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, errors.Result);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
