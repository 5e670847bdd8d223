using Sagas.Contracts.Events;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// A step's child run ended: the step's attempt ends with it, completed with the child's output,
/// or failed with the child's reason (then handled by the step's policies, like any failure).
/// </summary>
public sealed class ChildDecider(StepResultDecider steps)
{
    public void Ended(WorkflowState state, ChildWorkflowEnded ended)
    {
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
}
