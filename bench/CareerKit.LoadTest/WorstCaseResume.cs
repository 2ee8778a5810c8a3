using System.Text;

namespace CareerKit.LoadTest;

/// <summary>
/// The costliest resume the API takes: every section list at its limit of entries, each with its limit of one-line
/// highlights, which lays out to just under the 200-page cap (the longer the layout, the more memory a render holds).
/// </summary>
internal static class WorstCaseResume
{
    public const int Jobs = 100;
    public const int Projects = 11;
    public const int HighlightsPerEntry = 100;

    public static readonly string Json = Build();

    private static string Build()
    {
        var highlights = string.Join(",", Enumerable.Range(1, HighlightsPerEntry).Select(n => $"\"Shipped {n}\""));
        string Entries(int count) => string.Join(",", Enumerable.Range(1, count).Select(n => $$"""{"name":"Company {{n}}","position":"ML engineer","startDate":"2020-01","highlights":[{{highlights}}]}"""));
        var json = new StringBuilder()
            .Append("""{"basics":{"name":"Worst Case","summary":"A resume at every list limit."},""")
            .Append($"\"work\":[{Entries(Jobs)}],\"projects\":[{Entries(Projects)}]}}");
        return json.ToString();
    }
}
