using System.Collections.Concurrent;
using Sagas.Orchestration.Persistence;

// The tests hand tasks between the queue's loops and themselves on purpose.
#pragma warning disable VSTHRD003

namespace Sagas.Orchestration.Tests.Persistence;

public sealed class BatchingQueueTests
{
    private readonly TaskCompletionSource _firstBatchStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _releaseFirstBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<int[]> _batches = [];

    [Fact]
    public async Task Requests_queued_while_a_batch_runs_go_together_in_the_next()
    {
        await using var queue = new BatchingQueue<int, int>(RecordAsync, concurrency: 1, maxBatch: 10);

        var first = queue.RunAsync(1);
        await _firstBatchStarted.Task;
        var rest = new[] { 2, 3, 4, 5 }.Select(queue.RunAsync).ToArray();
        _releaseFirstBatch.SetResult();

        var results = await Task.WhenAll([first, .. rest]);
        Assert.Equal([10, 20, 30, 40, 50], results);
        Assert.Equal<int[]>([[1], [2, 3, 4, 5]], _batches);
    }

    [Fact]
    public async Task A_batch_never_exceeds_its_maximum()
    {
        await using var queue = new BatchingQueue<int, int>(RecordAsync, concurrency: 1, maxBatch: 2);

        var first = queue.RunAsync(1);
        await _firstBatchStarted.Task;
        var rest = new[] { 2, 3, 4, 5 }.Select(queue.RunAsync).ToArray();
        _releaseFirstBatch.SetResult();
        await Task.WhenAll([first, .. rest]);

        Assert.Equal<int[]>([[1], [2, 3], [4, 5]], _batches);
    }

    [Fact]
    public async Task When_a_batch_fails_only_the_request_at_fault_sees_the_error()
    {
        await using var queue = new BatchingQueue<int, int>(RecordAsync, concurrency: 1, maxBatch: 10);

        var first = queue.RunAsync(1);
        await _firstBatchStarted.Task;
        var good = queue.RunAsync(2);
        var bad = queue.RunAsync(-1);
        var alsoGood = queue.RunAsync(3);
        _releaseFirstBatch.SetResult();

        Assert.Equal(20, await good);
        Assert.Equal(30, await alsoGood);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Equal("request -1 is bad", error.Message);
        Assert.Equal<int[]>([[1], [2, -1, 3], [2], [-1], [3]], _batches);
        await first;
    }

    [Fact]
    public async Task After_it_is_disposed_it_refuses_new_requests()
    {
        var queue = new BatchingQueue<int, int>(RecordAsync, concurrency: 2, maxBatch: 10);
        _releaseFirstBatch.SetResult();
        Assert.Equal(70, await queue.RunAsync(7));

        await queue.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => queue.RunAsync(8));
    }

    [Fact]
    public async Task Under_contention_every_request_completes_once_in_some_batch()
    {
        var seen = new ConcurrentBag<int>();
        await using var queue = new BatchingQueue<int, int>(async requests =>
        {
            await Task.Yield();
            foreach (var request in requests)
            {
                seen.Add(request);
            }

            return [.. requests.Select(r => -r)];
        }, concurrency: 2, maxBatch: 3);

        var requests = Enumerable.Range(1, 2_000).ToList();
        var results = await Task.WhenAll(requests.Select(r => Task.Run(() => queue.RunAsync(r)))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(requests.Select(r => -r), results);
        Assert.Equal(requests, seen.Order());
    }

    // Multiplies by ten; the first batch waits for the test's signal, and a negative request
    // fails the batch it is in.
    private async Task<IReadOnlyList<int>> RecordAsync(IReadOnlyList<int> requests)
    {
        bool isFirst;
        lock (_batches)
        {
            _batches.Add([.. requests]);
            isFirst = _batches.Count == 1;
        }

        if (isFirst)
        {
            _firstBatchStarted.SetResult();
            await _releaseFirstBatch.Task;
        }

        var bad = requests.FirstOrDefault(r => r < 0, 0);
        return bad < 0 ? throw new InvalidOperationException($"request {bad} is bad") : [.. requests.Select(r => r * 10)];
    }
}
