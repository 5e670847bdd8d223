using System.Text.Json.Nodes;

namespace Sagas.Contracts.Events;

/// <summary>Every step of a workflow completed; <see cref="Output"/> is its output mapping, resolved.</summary>
public sealed record WorkflowCompleted : IWorkflowMessage
{
    public required Guid WorkflowId { get; init; }

    public required string Definition { get; init; }

    public required int Version { get; init; }

    public JsonObject? Output { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }
}
