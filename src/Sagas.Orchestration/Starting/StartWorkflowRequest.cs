using System.Text.Json.Nodes;

namespace Sagas.Orchestration.Starting;

/// <summary>
/// The plain JSON a client in any language publishes to the <c>start-workflow</c> exchange:
/// <c>{"workflowId": "…", "definition": "order-fulfilment", "input": {…}}</c>.
/// Everything is optional here so a bad request still reaches a visible rejection.
/// </summary>
public sealed record StartWorkflowRequest
{
    /// <summary>A UUID; a new one is assigned when absent.</summary>
    public string? WorkflowId { get; init; }

    public string? Definition { get; init; }

    public int? Version { get; init; }

    public JsonObject? Input { get; init; }
}
