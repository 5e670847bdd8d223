using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Recovery;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// A step's child run ended: the step's attempt ends with it, completed with the child's output,
/// or failed with the child's reason (then handled by the step's policies, like any failure); or
/// the child answered the undo of its step. And, in the child, its parent's request to undo it.
/// </summary>
public sealed class ChildDecider(DecisionContext context, WorkflowOutcomes outcomes, StepResultDecider steps, CompensationDecider compensations, CompensationFlow compensation)
{
    public void Ended(WorkflowState state, ChildWorkflowEnded ended)
    {
        if (ended.Compensation)
        {
            Undone(state, ended);
            return;
        }

        if (!state.AwaitsAttempt(ended.StepId, ended.Attempt))
        {
            return;
        }

        if (ended.Status == nameof(WorkflowStatus.Completed))
        {
            steps.Complete(state, new StepCompleted
            {
                WorkflowId = state.CorrelationId,
                StepId = ended.StepId,
                Attempt = ended.Attempt,
                Output = ended.Output?.DeepClone() ?? new System.Text.Json.Nodes.JsonObject(),
                CompletedAt = ended.EndedAt,
                Service = state.Routes.GetValueOrDefault(ended.StepId)?.Service,
            });
            return;
        }

        steps.Fail(state, new StepFailed
        {
            WorkflowId = state.CorrelationId,
            StepId = ended.StepId,
            Attempt = ended.Attempt,
            Reason = $"child workflow {ended.ChildId} ended {ended.Status}{(ended.Reason is null ? string.Empty : $": {ended.Reason}")}",
            Retryable = true,
            FailedAt = ended.EndedAt,
        });
    }

    /// <summary>
    /// This run's parent is undoing the step that started it: a completed child undoes its own
    /// completed steps (and answers when it ends); one that ended otherwise answers at once.
    /// </summary>
    public void UndoRequested(WorkflowState state, CompensateWorkflow command)
    {
        var statusThen = state.Status;
        state.Record(new Journal.UndoRequested { WorkflowId = state.CorrelationId, Reason = command.Reason, StatusThen = statusThen.ToString(), RequestedAt = context.Now });
        // Read without side effects: a node without the definition leaves the parent's undo to time out
        // and be retried, rather than failing a run that completed.
        if (statusThen != WorkflowStatus.Completed || context.Catalog.ByHash(state.DefinitionHash) is not { } definition)
        {
            return;
        }

        var involved = CompensationPlanner.Involved(definition.AsChosen(state), state.CompensationProgress());
        if (involved.Count == 0)
        {
            outcomes.Compensated(state);
            return;
        }

        state.Record(new Journal.CompensationStarted
        {
            WorkflowId = state.CorrelationId,
            Reason = command.Reason,
            Steps = involved,
            StartedAt = context.Now,
        });
        compensation.Advance(state, definition);
    }

    // The child answers the undo of the step: whatever attempt of that undo is out now counts it.
    // Nothing of a child that ended other than Completed stands, so any such end is an undo done.
    private void Undone(WorkflowState state, ChildWorkflowEnded ended)
    {
        if (!state.CompensationInFlight.Contains(ended.StepId) || !state.CompensationAttempts.TryGetValue(ended.StepId, out var attempt))
        {
            return;
        }

        if (ended.Status != nameof(WorkflowStatus.NeedsAttention))
        {
            compensations.Compensated(state, new StepCompensated
            {
                WorkflowId = state.CorrelationId,
                StepId = ended.StepId,
                Attempt = attempt,
                Output = new System.Text.Json.Nodes.JsonObject { ["child"] = ended.ChildId.ToString(), ["status"] = ended.Status },
                CompensatedAt = ended.EndedAt,
            });
        }
    }
}
