namespace Sagas.Contracts.Commands;

/// <summary>
/// The sweeper found a workflow that nothing will move (no step it waits for, no timer left to
/// fire) and asks its orchestrator to move it again. It names the revision it judged, so a
/// workflow that moved since is left alone.
/// </summary>
public sealed record RecoverWorkflow : IWorkflowMessage
{
    public required Guid WorkflowId { get; init; }

    /// <summary>How many events the workflow had recorded when the sweeper read it.</summary>
    public required int Revision { get; init; }

    /// <summary>Why the sweeper judged it stuck, in words.</summary>
    public required string Reason { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
}
