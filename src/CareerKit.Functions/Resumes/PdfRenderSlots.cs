using CareerKit.Hosting;
using Microsoft.Extensions.Options;

namespace CareerKit.Resumes;

/// <summary>
/// Bounds how many PDFs and previews this instance renders at once (a 200-page resume holds tens of MB while it is
/// laid out), so a burst cannot exhaust memory. A render waits briefly for a slot, then gives up with
/// <see cref="PdfRendersBusyException"/>, which answers 503 with Retry-After.
/// </summary>
public sealed class PdfRenderSlots : IDisposable
{
    public const int RetryAfterSeconds = 5;
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _wait;
    private readonly TimeProvider _time;

    public PdfRenderSlots(IOptions<CareerKitOptions> options, TimeProvider time)
    {
        var count = options.Value.PdfRendersAtOnce > 0 ? options.Value.PdfRendersAtOnce : Environment.ProcessorCount;
        _slots = new SemaphoreSlim(count, count);
        _wait = TimeSpan.FromSeconds(options.Value.PdfRenderWaitSeconds);
        _time = time;
    }

    /// <summary>Requests waiting for a slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    private int _waiting;

    /// <summary>Renders in a slot, once one is free within the wait.</summary>
    public async Task<T> RunAsync<T>(Func<T> render, CancellationToken cancellationToken)
    {
        using (await EnterAsync(cancellationToken))
        {
            return render();
        }
    }

    /// <summary>Takes a slot until the result is disposed.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0))
        {
            using var timeout = new CancellationTokenSource(_wait, _time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            Interlocked.Increment(ref _waiting);
            try
            {
                await _slots.WaitAsync(either.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new PdfRendersBusyException(RetryAfterSeconds);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}

/// <summary>Every render slot stayed busy for the whole wait: come back in <see cref="RetryAfterSeconds"/>.</summary>
public sealed class PdfRendersBusyException(int retryAfterSeconds) : Exception("Every PDF render slot is busy.")
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
