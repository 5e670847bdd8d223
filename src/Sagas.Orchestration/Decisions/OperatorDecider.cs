using Sagas.Contracts.Commands;
using Sagas.Definitions.Model;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>What an operator asks of a run: cancel it, or run its failed step (or compensation) again.</summary>
public sealed class OperatorDecider(DecisionContext context, WorkflowOutcomes outcomes, WorkflowEnding ending, ForwardFlow forward)
{
    /// <summary>Nothing new is dispatched, and what completed is undone.</summary>
    public void Cancel(WorkflowState state, CancelWorkflow command)
    {
        if (outcomes.DefinitionOf(state) is { } definition)
        {
            ending.EndUnsuccessfully(state, definition, null, $"cancelled: {command.Reason}", cancelled: true);
        }
    }

    /// <summary>
    /// Runs the failed step of a Failed workflow again (and whatever else was ready), resolves a
    /// blocked step's input again (or first runs again the completed step named, whose output it
    /// lacked), or runs the failed compensation of one that needs attention, and carries on from
    /// there. A request that names a step that did not fail changes nothing; <see cref="RetryRefusal"/> says why first.
    /// </summary>
    public void RequestRetry(WorkflowState state, RetryWorkflow request)
    {
        if (RetryRefusal(state, request.StepId) is not null || outcomes.DefinitionOf(state) is not { } definition)
        {
            return;
        }

        var compensation = state.Status == WorkflowStatus.NeedsAttention && state.BlockedStep is null;
        state.Record(new StepRetryRequested
        {
            WorkflowId = state.CorrelationId,
            StepId = request.StepId ?? state.BlockedStep ?? (compensation ? state.AttentionStep! : state.FailedStep!),
            Compensation = compensation,
            RequestedAt = context.Now,
        });
        forward.Continue(state, definition);
    }

    /// <summary>Why a retry of this workflow (and step) cannot be done, or null when it can.</summary>
    public static string? RetryRefusal(WorkflowState state, string? stepId) => ForEachRefusal(state, stepId) ?? (state.Status switch
    {
        WorkflowStatus.Failed when state.FailedStep is null =>
            $"workflow {state.CorrelationId} failed before or after its steps ({state.FailureReason}); there is no step to retry",
        WorkflowStatus.Failed when stepId is not null && stepId != state.FailedStep =>
            $"step '{stepId}' is not the one that failed; the failed step is '{state.FailedStep}'",
        WorkflowStatus.Failed => null,
        WorkflowStatus.NeedsAttention when state.BlockedStep is { } blocked && stepId is not null && stepId != blocked && !state.Outputs.ContainsKey(stepId) =>
            $"step '{stepId}' is neither the blocked step '{blocked}' nor a completed step to run again",
        WorkflowStatus.NeedsAttention when state.BlockedStep is not null => null,
        WorkflowStatus.NeedsAttention when stepId is not null && stepId != state.AttentionStep =>
            $"step '{stepId}' is not the one whose compensation failed; that is '{state.AttentionStep}'",
        WorkflowStatus.NeedsAttention => null,
        var status => $"workflow {state.CorrelationId} is {status}; only a Failed workflow or one that NeedsAttention can be retried",
    });

    // A for_each step is run again item by item, and only while it has not gathered its items'
    // outputs: after that, an item run again would be gathered by no one and undone by no one.
    private static string? ForEachRefusal(WorkflowState state, string? stepId) => stepId switch
    {
        not null when StepItem.TryParse(stepId, out var parent, out _) && state.Outputs.ContainsKey(parent) =>
            $"step '{stepId}' is an item of '{parent}', which has gathered its items' outputs; its items are not run again one by one",
        not null when state.Expansions.ContainsKey(stepId) =>
            $"step '{stepId}' runs once per item; name the item that failed ('{StepItem.IdOf(stepId, 0)}' …) instead",
        _ => null,
    };
}
