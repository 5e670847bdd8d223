using System.Text.Json.Nodes;

namespace Sagas.Orchestration.Journal;

/// <summary>A workflow began: which definition (pinned by content hash) and with what input.</summary>
public sealed record WorkflowStarted
{
    public required Guid WorkflowId { get; init; }

    public required string Definition { get; init; }

    public required int Version { get; init; }

    public required string DefinitionHash { get; init; }

    public required JsonObject Input { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run must have ended, from the definition's <c>deadline</c>; null when it has none.</summary>
    public DateTimeOffset? DeadlineAt { get; init; }

    /// <summary>The input fields the definition marks searchable (null: none): the workflow list can be searched by their values.</summary>
    public IReadOnlyList<string>? Searchable { get; init; }

    /// <summary>The step of another run that started this one (<c>workflow:</c>), told how it ends; null for a run a client started.</summary>
    public Sagas.Contracts.Commands.WorkflowParent? Parent { get; init; }

    /// <summary>The W3C trace context the start came with: every span of the run joins this trace (none: not traced).</summary>
    public string? TraceParent { get; init; }
}
