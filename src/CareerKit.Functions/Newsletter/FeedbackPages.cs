using CareerKit.Hosting;
using CareerKit.Pages;
using CareerKit.Subscriptions;

namespace CareerKit.Newsletter;

/// <summary>
/// The page a tip's "Useful" / "Not for me" link opens, and its buttons' POST (the handlers <see cref="FeedbackFunctions"/>
/// calls). No antiforgery token: the signed link in the address is the credential, as on the unsubscribe page.
/// </summary>
public sealed class FeedbackPages(ReaderFeedback feedback, PageRenderer pages)
{
    /// <summary>Shows the question with one button per answer; records nothing, so a mail scanner opening the link changes nothing.</summary>
    public async Task<IResult> ShowAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var link = await OpenAsync(request, cancellationToken);
        if (link.Status != LinkStatus.Done)
        {
            return Problem(link.Status);
        }

        FeedbackAnswers.TryFromCode(QueryValues.String(request, "answer"), out var suggested);
        return Question(link, link.Current, link.Current is null ? null : "You answered before; press the other button to change your answer.", link.Current is null ? suggested : null);
    }

    /// <summary>Records the answer of the button pressed. The same answer again (a double click, a replay) records nothing and says so with a 409.</summary>
    public async Task<IResult> AnswerAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var link = await OpenAsync(request, cancellationToken);
        if (link.Status != LinkStatus.Done)
        {
            return Problem(link.Status);
        }

        var form = request.HasFormContentType ? await FormBody.ReadAsync(request, cancellationToken) : null;
        if (!FeedbackAnswers.TryFromCode(form?["answer"], out var answer))
        {
            return pages.Error(StatusCodes.Status400BadRequest, "Choose an answer",
                "Press \"Useful\" or \"Not for me\" on the page this link opens; the answer comes from the button you press.");
        }

        return await feedback.AnswerAsync(link, answer, cancellationToken) switch
        {
            FeedbackOutcome.Unchanged => Question(link, answer, $"You had already answered \"{answer.Label()}\": nothing changed.", null, StatusCodes.Status409Conflict),
            FeedbackOutcome.Changed => Question(link, answer, $"Thanks: your answer is now \"{answer.Label()}\".", null),
            _ => Question(link, answer, $"Thanks: \"{answer.Label()}\" is recorded.", null),
        };
    }

    private Task<FeedbackLink> OpenAsync(HttpRequest request, CancellationToken cancellationToken) =>
        feedback.OpenAsync(QueryValues.String(request, "edition"), QueryValues.String(request, "tip"), QueryValues.String(request, "token"), cancellationToken);

    private IResult Question(FeedbackLink link, FeedbackAnswer? current, string? notice, FeedbackAnswer? suggested, int status = StatusCodes.Status200OK) =>
        pages.Page("feedback", "Was this tip useful?", new
        {
            link.Tip!.Title,
            Notice = notice,
            Current = current?.Label(),
            Answers = Enum.GetValues<FeedbackAnswer>().Select(answer => new
            {
                Code = answer.Code(),
                Label = answer.Label(),
                Chosen = answer == current,
                Suggested = answer == suggested,
            }),
        }, status);

    private IResult Problem(LinkStatus status) => status switch
    {
        LinkStatus.Expired => pages.Error(StatusCodes.Status400BadRequest, "This link has expired",
            $"Feedback links work for {(int)SubscriptionTokens.LifetimeOf(TokenPurpose.Feedback).TotalDays} days after an edition is sent. Thanks for reading all the same."),
        LinkStatus.Gone => pages.Error(StatusCodes.Status410Gone, "Nothing to answer here any more",
            "The subscription this link was sent to has been erased, or the edition no longer carries this tip, so there is nothing to record."),
        _ => pages.Error(StatusCodes.Status400BadRequest, "This link doesn't work",
            "The feedback link is incomplete or has been changed. Use the \"Useful\" or \"Not for me\" link exactly as it is in your email."),
    };
}
