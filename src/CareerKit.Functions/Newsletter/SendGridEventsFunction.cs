using CareerKit.Email;
using CareerKit.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace CareerKit.Newsletter;

/// <summary>SendGrid's event webhook as a function: it posts batches of events, up to <see cref="EventWebhook.MaxBodyBytes"/>.</summary>
public sealed class SendGridEventsFunction(IOptions<SendGridOptions> options, TimeProvider time, EventRecorder recorder)
{
    [Function("SendGridEvents")]
    [BodyLimit(EventWebhook.MaxBodyBytes)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sendgrid/events")] HttpRequest req, CancellationToken cancellationToken) =>
        EventWebhook.ReceiveAsync(req.HttpContext, options, time, recorder, cancellationToken);
}
