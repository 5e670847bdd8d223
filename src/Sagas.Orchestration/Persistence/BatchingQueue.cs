using System.Threading.Channels;

namespace Sagas.Orchestration.Persistence;

/// <summary>
/// Runs concurrent requests in groups, the way PostgreSQL's group commit does: a few loops each
/// take every request queued so far (up to a maximum) and run them as one batch while the callers
/// wait. Under load a batch carries many requests; alone, a request runs at once, with no timer
/// adding latency.
/// </summary>
/// <remarks>
/// A batch is all or nothing, so when one of several requests fails each is run again on its own:
/// only the request at fault sees the error.
/// </remarks>
internal sealed class BatchingQueue<TRequest, TResult> : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> _runBatch;
    private readonly int _maxBatch;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly Task[] _loops;

    /// <param name="runBatch">Runs a batch; returns one result per request, in order.</param>
    /// <param name="concurrency">Batches running at once.</param>
    /// <param name="maxBatch">Most requests in one batch.</param>
    public BatchingQueue(Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> runBatch, int concurrency, int maxBatch)
    {
        _runBatch = runBatch;
        _maxBatch = Math.Max(1, maxBatch);
        _loops = [.. Enumerable.Range(0, Math.Max(1, concurrency)).Select(_ => Task.Run(RunLoopAsync))];
    }

    /// <summary>Completes with the request's result once its batch has run; throws what its run threw.</summary>
    public async Task<TResult> RunAsync(TRequest request)
    {
        var pending = new Pending(request);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(GetType().Name, "the node is stopping; the message will be redelivered");
        }

#pragma warning disable VSTHRD003 // completed by the loop that took this request
        return await pending.Result.Task;
#pragma warning restore VSTHRD003
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    private async Task RunLoopAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            var batch = new List<Pending>();
            while (batch.Count < _maxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count > 0)
            {
                await RunBatchAsync(batch);
            }
        }
    }

    private async Task RunBatchAsync(List<Pending> batch)
    {
        try
        {
            var results = await _runBatch([.. batch.Select(p => p.Request)]);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Result.TrySetResult(results[i]);
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var pending in batch)
            {
                await RunAloneAsync(pending);
            }
        }
        catch (Exception error)
        {
            batch[0].Result.TrySetException(error);
        }
    }

    private async Task RunAloneAsync(Pending pending)
    {
        try
        {
            var results = await _runBatch([pending.Request]);
            pending.Result.TrySetResult(results[0]);
        }
        catch (Exception error)
        {
            pending.Result.TrySetException(error);
        }
    }

    private sealed class Pending(TRequest request)
    {
        public TRequest Request { get; } = request;

        public TaskCompletionSource<TResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
