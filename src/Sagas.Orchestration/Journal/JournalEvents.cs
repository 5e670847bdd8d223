using Sagas.Contracts.Events;

namespace Sagas.Orchestration.Journal;

/// <summary>
/// Every event type a workflow's stream holds. The contract events that others also consume
/// (<see cref="StepCompleted"/>, <see cref="WorkflowCompleted"/> …) are stored as they are, so
/// what was published and what was recorded are the same record.
/// </summary>
public static class JournalEvents
{
    public static readonly IReadOnlyList<Type> All =
    [
        typeof(WorkflowStarted),
        typeof(StepDispatched),
        typeof(StepCompleted),
        typeof(StepFailed),
        typeof(StepRetryScheduled),
        typeof(StepTimedOut),
        typeof(WorkflowCompleted),
        typeof(WorkflowFailed),
        typeof(WorkflowRejected),
        typeof(CompensationStarted),
        typeof(CompensationDispatched),
        typeof(StepCompensated),
        typeof(StepCompensationFailed),
        typeof(WorkflowCompensated),
        typeof(WorkflowCancelled),
        typeof(WorkflowNeedsAttention),
        typeof(StepRetryRequested),
        typeof(WorkflowDeadlineExceeded),
        typeof(StepRerouted),
        typeof(StepQueued),
        typeof(StepBlocked),
        typeof(StepSkipped),
        typeof(StepConditionMet),
        typeof(BranchChosen),
        typeof(SignalReceived),
        typeof(SignalKept),
        typeof(SignalIgnored),
        typeof(ItemsExpanded),
        typeof(ItemFailed),
        typeof(ItemsGathered),
        typeof(ChildCancelRequested),
        typeof(UndoRequested),
        typeof(CircuitOpened),
        typeof(CircuitClosed),
        typeof(PolicyViolated),
        typeof(PolicyReverted),
        typeof(WorkflowRecovered),
        typeof(AbandonedAttemptCompensated),
        typeof(AbandonedAttemptCompleted),
        typeof(AbandonedEffectLeft),
    ];
}
