namespace CareerKit.Newsletter;

/// <summary>A reader's answer to one tip of one edition.</summary>
public enum FeedbackAnswer
{
    Useful,
    NotForMe,
}

public static class FeedbackAnswers
{
    /// <summary>The answer as links, forms and the data export spell it: "useful" or "not-for-me".</summary>
    public static string Code(this FeedbackAnswer answer) => answer == FeedbackAnswer.Useful ? "useful" : "not-for-me";

    public static string Label(this FeedbackAnswer answer) => answer == FeedbackAnswer.Useful ? "Useful" : "Not for me";

    public static bool TryFromCode(string? code, out FeedbackAnswer answer)
    {
        (var known, answer) = code?.Trim().ToLowerInvariant() switch
        {
            "useful" => (true, FeedbackAnswer.Useful),
            "not-for-me" => (true, FeedbackAnswer.NotForMe),
            _ => (false, default),
        };
        return known;
    }
}

/// <summary>What editors see of one tip's feedback: how many got it, and how many answered each way. Nothing personal.</summary>
/// <param name="Sent">Recipients of the sent editions that carried the tip.</param>
public sealed record TipFigures(int Sent, int Useful, int NotForMe)
{
    public static readonly TipFigures None = new(0, 0, 0);
}

/// <summary>One stored answer, as the subscriber's data export shows it.</summary>
public sealed record FeedbackGiven(string EditionId, string TipId, string Answer, DateTimeOffset AnsweredAt);

public enum FeedbackOutcome
{
    /// <summary>The first answer for this tip of this edition.</summary>
    Recorded,
    /// <summary>The other answer than before: it replaced the old one and moved one count.</summary>
    Changed,
    /// <summary>The same answer again (a replay or a double click): nothing was written.</summary>
    Unchanged,
}
