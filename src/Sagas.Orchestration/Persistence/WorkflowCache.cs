using System.Collections.Concurrent;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Persistence;

/// <summary>
/// The saga documents this node committed last, kept so the workflow's next message need not
/// read back what the node has just written: a step's result then costs one round trip to
/// PostgreSQL (its commit) instead of two. Only committed states enter, each with the version
/// its commit gave it.
/// </summary>
/// <remarks>
/// <para>
/// A message takes its workflow's entry out (<see cref="TryTake"/>), so it owns that instance
/// alone and a failed attempt, which may have changed it, can never hand it on: the retry reads
/// PostgreSQL. The entry comes back only once the message's changes are committed
/// (<see cref="Keep"/>).
/// </para>
/// <para>
/// An entry can be stale when another orchestrator wrote the workflow since. A write made from it
/// then fails on the document's version, like any concurrent write, and is retried from a fresh
/// read. A message that a stale state would judge to change nothing (a result it does not know)
/// must be judged again from PostgreSQL before it is dropped: the repository does so
/// (<see cref="CachedWorkflowMayBeStale"/>).
/// </para>
/// <para>
/// Used only while this node is the only live orchestrator (<see cref="LoneOrchestratorWatch"/>):
/// where several consume one queue, a workflow's next message lands on another node about as
/// often as not, and a copy a step behind would cost a failed commit or a second look far more
/// often than it saved a read.
/// </para>
/// <para>
/// Bounded: past <see cref="OrchestrationOptions.CachedWorkflows"/> entries, the oldest kept go
/// first; a workflow that has ended is not kept.
/// </para>
/// </remarks>
internal sealed class WorkflowCache(OrchestrationOptions options)
{
    private readonly int _capacity = options.CachedWorkflows;
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    // The order entries were kept in, to evict the oldest; an item whose entry has since been
    // taken or kept again no longer matches it and is skipped.
    private readonly ConcurrentQueue<(Guid Id, long Stamp)> _order = new();
    private long _stamp;

    // Off until the node registry says this node is the only orchestrator.
    private volatile bool _alone;

    public int Count => _entries.Count;

    /// <summary>Whether the cache is in use: this node is the only live orchestrator, as last read.</summary>
    public bool InUse => _alone && _capacity > 0;

    /// <summary>
    /// The workflow's committed state and version, removed from the cache; null when it holds none
    /// or is not in use (an entry kept just as it was turned off is never handed out).
    /// </summary>
    public LoadedWorkflow? TryTake(Guid workflowId) =>
        InUse && _entries.TryRemove(workflowId, out var entry) ? new LoadedWorkflow(entry.State, entry.Version, FromCache: true) : null;

    /// <summary>Keeps a state just committed at <paramref name="version"/>; the caller must not change it afterwards.</summary>
    public void Keep(WorkflowState state, Guid version)
    {
        if (!InUse || state.IsTerminal)
        {
            _entries.TryRemove(state.CorrelationId, out _);
            return;
        }

        var stamp = Interlocked.Increment(ref _stamp);
        _entries[state.CorrelationId] = new Entry(state, version, stamp);
        _order.Enqueue((state.CorrelationId, stamp));
        Trim();
    }

    /// <summary>
    /// What the node registry says of the other live orchestrators: with none the cache is used;
    /// with any it is emptied and stays off until they are gone.
    /// </summary>
    public void OtherOrchestratorsSeen(int others)
    {
        _alone = others == 0;
        if (!_alone)
        {
            _entries.Clear();
            _order.Clear();
        }
    }

    private void Trim()
    {
        // The queue holds an item per keep, live or not: trimming it to twice the capacity bounds
        // it too, and evicts only entries that are the oldest kept.
        while ((_entries.Count > _capacity || _order.Count > 2 * _capacity) && _order.TryDequeue(out var oldest))
        {
            if (_entries.TryGetValue(oldest.Id, out var entry) && entry.Stamp == oldest.Stamp)
            {
                _entries.TryRemove(new KeyValuePair<Guid, Entry>(oldest.Id, entry));
            }
        }
    }

    private sealed record Entry(WorkflowState State, Guid Version, long Stamp);
}
