namespace Sagas.Bench.Peers.Wolverine.Workflow;

/// <summary>Where a workflow of the peer stands; it stays on its document when the workflow ends.</summary>
public enum WorkflowStatus
{
    Running,
    Completed,
    Failed,
}
