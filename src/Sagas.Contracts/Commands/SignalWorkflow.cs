using System.Text.Json.Nodes;

namespace Sagas.Contracts.Commands;

/// <summary>
/// A named signal for a running workflow (an approval, an outside event): a step that waits for
/// it (<c>wait_for:</c>) completes with <see cref="Data"/> as its output. One that comes before
/// its step waits is kept for it; one no step will wait for is recorded as ignored.
/// </summary>
public sealed record SignalWorkflow : IWorkflowMessage
{
    public required Guid WorkflowId { get; init; }

    public required string Name { get; init; }

    public JsonObject? Data { get; init; }

    /// <summary>The signal's own id: the same signal delivered twice counts once.</summary>
    public required string SignalId { get; init; }

    public required DateTimeOffset SentAt { get; init; }
}
