using CareerKit.Hosting;
using CareerKit.Storage;
using Microsoft.Extensions.Options;

namespace CareerKit.Newsletter;

/// <summary>
/// Checked at start with the storage settings: the send queue's name, prefix and "-poison" included, is one storage
/// accepts, and under the Functions host the SendBatch trigger listens to that very queue, so no batch waits on a
/// queue nothing reads.
/// </summary>
internal sealed class SendQueueNameValidator(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    private const int MaxQueueNameLength = 63;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var queue = SendQueue.NameIn(configuration, new StorageNames(options.Prefix));
        var poison = $"{queue}-poison";
        if (queue.Length < 3 || poison.Length > MaxQueueNameLength || !char.IsAsciiLetterOrDigit(queue[0]) || queue.Contains("--", StringComparison.Ordinal)
            || !queue.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') || queue.EndsWith('-'))
        {
            return ValidateOptionsResult.Fail($"{SendQueue.QueueNameSetting} must be lower-case letters, digits and single hyphens, short enough that " +
                $"with the storage prefix and \"-poison\" it stays within {MaxQueueNameLength} characters (now \"{poison}\").");
        }

        // Standalone, an unset SEND_QUEUE_NAME means this queue; the Functions host needs it set.
        var trigger = configuration[SendQueue.TriggerQueueSetting];
        var wrong = string.IsNullOrEmpty(trigger) ? HostMode.IsUnderFunctionsHost(configuration) : trigger != queue;
        return wrong
            ? ValidateOptionsResult.Fail($"{SendQueue.TriggerQueueSetting} names the queue the SendBatch trigger listens to ([QueueTrigger(\"%{SendQueue.TriggerQueueSetting}%\")]); " +
                $"it must be \"{queue}\", the queue the app sends batches to ({StorageOptions.PrefixSetting} and {SendQueue.QueueNameSetting}).")
            : ValidateOptionsResult.Success;
    }
}
