using Marten;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Persistence;

/// <summary>
/// A saga document as loaded, with the version a later write must still find; <paramref name="FromCache"/>
/// when it came from this node's <see cref="WorkflowCache"/> rather than from PostgreSQL.
/// </summary>
internal sealed record LoadedWorkflow(WorkflowState State, Guid Version, bool FromCache = false);

/// <summary>
/// Loads saga documents for concurrent messages in one query each batch
/// (<see cref="BatchingQueue{TRequest, TResult}"/>), instead of one round trip per message.
/// Every request gets its own instance, even when two ask for the same workflow.
/// </summary>
internal sealed class WorkflowLoader(IDocumentStore store, OrchestrationOptions options) : IAsyncDisposable
{
    private readonly BatchingQueue<Guid, LoadedWorkflow?> _queue = new(
        ids => LoadAsync(store, ids), options.CommitConcurrency, options.MaxWorkflowsPerCommit);

    /// <summary>The workflow's document and version, or null when there is none.</summary>
    public Task<LoadedWorkflow?> LoadAsync(Guid workflowId) => _queue.RunAsync(workflowId);

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private static async Task<IReadOnlyList<LoadedWorkflow?>> LoadAsync(IDocumentStore store, IReadOnlyList<Guid> ids)
    {
        // A document session, not a query session: only it records the versions it reads.
        await using var session = store.LightweightSession();
        var found = (await session.LoadManyAsync<WorkflowState>(CancellationToken.None, ids.Distinct()))
            .ToDictionary(state => state.CorrelationId);

        var results = new LoadedWorkflow?[ids.Count];
        var handedOut = new HashSet<Guid>();
        for (var i = 0; i < ids.Count; i++)
        {
            // A second request for the same workflow reads its own copy: two messages must
            // never change one instance.
            var state = handedOut.Add(ids[i])
                ? found.GetValueOrDefault(ids[i])
                : await session.LoadAsync<WorkflowState>(ids[i], CancellationToken.None);
            results[i] = state is null ? null : new LoadedWorkflow(state, session.VersionFor(state)
                ?? throw new InvalidOperationException($"workflow {state.CorrelationId} was loaded without its version; is optimistic concurrency configured?"));
        }

        return results;
    }
}
