using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CareerKit.Newsletter;

/// <summary>
/// Settings under "CareerKit:" for a batch whose outcome is unknown: its request may have reached SendGrid (the sender
/// died, timed out or could not record the answer) and SendGrid has reported no event for it yet.
/// </summary>
public sealed class UnknownOutcomeOptions
{
    public const string Hold = "hold";
    public const string ResendUnconfirmed = "resend-unconfirmed";

    /// <summary>
    /// CareerKit:UnknownOutcome, what happens when the window ends without an event: "hold" records the batch as of
    /// unknown outcome, reports it and sends nothing (a duplicate weekly email costs more trust than a missed week);
    /// "resend-unconfirmed" sends it again to the recipients SendGrid reported no event for.
    /// </summary>
    [AllowedValues(Hold, ResendUnconfirmed, ErrorMessage = "CareerKit:UnknownOutcome must be 'hold' or 'resend-unconfirmed'.")]
    public string UnknownOutcome { get; set; } = Hold;

    /// <summary>A queue message can be made to wait at most 7 days, and the wait is a delayed copy of the batch's message.</summary>
    public static readonly TimeSpan LongestWindow = TimeSpan.FromDays(7);

    /// <summary>CareerKit:UnknownOutcomeWindow: how long after the request SendGrid's events may still prove the batch went out.</summary>
    public TimeSpan UnknownOutcomeWindow { get; set; } = TimeSpan.FromMinutes(30);

    public bool ResendsUnconfirmed => UnknownOutcome == ResendUnconfirmed;
}

/// <summary>The attributes' rules, checked by code generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class UnknownOutcomeOptionsAttributes : IValidateOptions<UnknownOutcomeOptions>;

internal sealed class UnknownOutcomeOptionsValidator : IValidateOptions<UnknownOutcomeOptions>
{
    public ValidateOptionsResult Validate(string? name, UnknownOutcomeOptions options) =>
        options.UnknownOutcomeWindow < TimeSpan.Zero || options.UnknownOutcomeWindow > UnknownOutcomeOptions.LongestWindow
            ? ValidateOptionsResult.Fail($"CareerKit:UnknownOutcomeWindow must be between 00:00:00 and 7.00:00:00 (a queue message waits at most 7 days), not {options.UnknownOutcomeWindow}.")
            : ValidateOptionsResult.Success;
}
