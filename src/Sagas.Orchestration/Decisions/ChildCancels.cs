using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>A step's child run asked to stop (its parent ends, or gave up waiting for it): the child undoes what it did.</summary>
internal static class ChildCancels
{
    public static void Request(WorkflowState state, string stepId, int attempt, string reason, DateTimeOffset now) =>
        state.Record(new ChildCancelRequested
        {
            WorkflowId = state.CorrelationId,
            StepId = stepId,
            Attempt = attempt,
            ChildId = ChildIds.Of(state, stepId, attempt),
            Reason = reason,
            RequestedAt = now,
        });
}
