using Sagas.Orchestration.Workflows;

namespace Sagas.Analytics.WorkflowList;

/// <summary>One workflow as a list shows it (and <c>sagas workflows list --json</c> writes it).</summary>
public sealed record WorkflowListItem(
    Guid WorkflowId,
    string Definition,
    int Version,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    double? DurationMs,
    string? Error)
{
    /// <summary>The error a person needs first: why it needs attention, else why it failed.</summary>
    public static WorkflowListItem Of(WorkflowState state) => new(
        state.CorrelationId,
        state.Definition,
        state.DefinitionVersion,
        state.Status.ToString(),
        state.StartedAt,
        state.EndedAt,
        state.EndedAt is { } ended ? (ended - state.StartedAt).TotalMilliseconds : null,
        state.Status == WorkflowStatus.NeedsAttention ? state.AttentionReason ?? state.FailureReason : state.FailureReason);
}
