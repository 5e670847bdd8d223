using System.Text.Json.Nodes;

namespace Sagas.Orchestration.Signaling;

/// <summary>
/// The plain JSON a client in any language publishes to the <c>workflow-signal</c> exchange:
/// <c>{"workflowId": "…", "name": "approve", "data": {…}, "signalId": "…"}</c>. Everything is
/// optional here so a bad request reaches the error queue with its reason.
/// </summary>
public sealed record WorkflowSignalRequest
{
    /// <summary>The workflow's UUID.</summary>
    public string? WorkflowId { get; init; }

    /// <summary>The signal's name, as a step's <c>wait_for.signal</c> says it.</summary>
    public string? Name { get; init; }

    /// <summary>What the waiting step's output becomes.</summary>
    public JsonObject? Data { get; init; }

    /// <summary>The signal's own id, so sending it twice counts once; a new one when absent.</summary>
    public string? SignalId { get; init; }
}
