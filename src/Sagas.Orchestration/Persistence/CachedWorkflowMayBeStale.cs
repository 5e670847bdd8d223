namespace Sagas.Orchestration.Persistence;

/// <summary>
/// A message judged to change nothing on a cached state, which may be stale: it is run again from
/// PostgreSQL before it is dropped (see <see cref="WorkflowCache"/>).
/// </summary>
internal sealed class CachedWorkflowMayBeStale(Guid workflowId)
    : Exception($"workflow {workflowId}: a message changed nothing on the cached state; it is run again on the state in PostgreSQL");
