using System.Text.Json.Nodes;

namespace Sagas.Bench.Peers.Starting;

/// <summary>
/// The plain JSON a client publishes to the <c>start-workflow</c> exchange, as it does for Sagas:
/// <c>{"workflowId": "…", "definition": "…", "input": {…}}</c>. Without a workflow id it does not parse.
/// </summary>
public sealed record StartRequest
{
    public required Guid WorkflowId { get; init; }

    public string? Definition { get; init; }

    public JsonObject? Input { get; init; }
}
