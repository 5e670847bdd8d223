using System.Text.Json.Nodes;

namespace Sagas.Contracts.Commands;

/// <summary>Starts a workflow instance of a definition. A second start with the same id starts nothing.</summary>
public sealed record StartWorkflow : IWorkflowMessage
{
    public required Guid WorkflowId { get; init; }

    /// <summary>The definition id, e.g. <c>order-fulfilment</c>.</summary>
    public required string Definition { get; init; }

    /// <summary>A specific version; null means the latest the orchestrator knows.</summary>
    public int? Version { get; init; }

    public JsonObject? Input { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>The step that started it as a child workflow (<c>workflow:</c>); null for a run started by a client.</summary>
    public WorkflowParent? Parent { get; init; }

    /// <summary>The W3C trace context of the span that started it: the root of the workflow's trace (none: not traced).</summary>
    public string? TraceParent { get; init; }
}
