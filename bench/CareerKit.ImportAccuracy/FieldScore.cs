using CareerKit.Resumes;
using CareerKit.Resumes.Import;

namespace CareerKit.ImportAccuracy;

/// <summary>
/// Counts the fields an import got right against the resume the file was made from, field by field as the parse
/// check compares them (<see cref="ReadBackFields"/>): name, email, phone, each URL, and each work entry's
/// organisation, position and dates and each school, degree and dates.
/// </summary>
public sealed class FieldScore
{
    public static readonly string[] Fields = ReadBackFields.Kinds;

    private readonly Dictionary<string, (int Right, int Total)> _counts = Fields.ToDictionary(field => field, _ => (0, 0));

    public List<string> Misses { get; } = [];

    public (int Right, int Total) this[string field] => _counts[field];

    public (int Right, int Total) Overall => (_counts.Values.Sum(count => count.Right), _counts.Values.Sum(count => count.Total));

    public void Add(FieldScore other)
    {
        foreach (var field in Fields)
        {
            _counts[field] = (_counts[field].Right + other[field].Right, _counts[field].Total + other[field].Total);
        }

        Misses.AddRange(other.Misses);
    }

    public static FieldScore Of(string label, ResumeDocument expected, ResumeDocument imported)
    {
        var score = new FieldScore();
        foreach (var field in ReadBackFields.Compare(expected, imported))
        {
            var (right, total) = score._counts[field.Field];
            score._counts[field.Field] = (right + (field.Matches ? 1 : 0), total + 1);
            if (!field.Matches)
            {
                score.Misses.Add($"{label} {field.Field}: expected \"{field.Expected}\", got \"{field.Read}\"");
            }
        }

        return score;
    }
}
