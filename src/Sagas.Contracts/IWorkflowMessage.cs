namespace Sagas.Contracts;

/// <summary>
/// A message about one workflow instance: every command and event of a workflow carries its id,
/// so the orchestrator correlates and partitions them all the same way. Adds no property on the wire.
/// </summary>
public interface IWorkflowMessage
{
    Guid WorkflowId { get; }
}
