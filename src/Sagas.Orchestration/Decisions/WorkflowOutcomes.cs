using System.Text.Json.Nodes;
using Sagas.Contracts.Events;
using Sagas.Definitions.Model;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// The ends a workflow can reach, and the definition it runs by. Whatever the end, what abandoned
/// attempts may have done and the run did not keep is undone as it is reached (<see cref="AbandonedAttempts.Ended"/>).
/// </summary>
public sealed class WorkflowOutcomes(DecisionContext context, AbandonedAttempts abandoned)
{
    public void Complete(WorkflowState state, JsonObject output) =>
        End(state, new WorkflowCompleted
        {
            WorkflowId = state.CorrelationId,
            Definition = state.Definition,
            Version = state.DefinitionVersion,
            Output = output,
            CompletedAt = context.Now,
        });

    public void Compensated(WorkflowState state) =>
        End(state, new WorkflowCompensated
        {
            WorkflowId = state.CorrelationId,
            Definition = state.Definition,
            FailedStep = state.FailedStep,
            Reason = state.FailureReason ?? "the workflow could not complete",
            CompensatedSteps = [.. state.Compensated.Order(StringComparer.Ordinal)],
            CompensatedAt = context.Now,
        });

    public void Fail(WorkflowState state, string? stepId, string reason) =>
        End(state, new WorkflowFailed
        {
            WorkflowId = state.CorrelationId,
            Definition = state.Definition,
            StepId = stepId,
            Reason = reason,
            FailedAt = context.Now,
        });

    public void Cancel(WorkflowState state, string reason) =>
        End(state, new WorkflowCancelled
        {
            WorkflowId = state.CorrelationId,
            Definition = state.Definition,
            Reason = reason,
            CompensatedSteps = [.. state.Compensated.Order(StringComparer.Ordinal)],
            CancelledAt = context.Now,
        });

    /// <summary>The run stops for an operator at a step (a blocked one, or one whose compensation cannot go on).</summary>
    public void NeedsAttention(WorkflowState state, string stepId, string reason) =>
        state.Record(new WorkflowNeedsAttention
        {
            WorkflowId = state.CorrelationId,
            Definition = state.Definition,
            StepId = stepId,
            Reason = reason,
            At = context.Now,
        });

    /// <summary>
    /// The definition version the run is pinned to (by content hash). A node that lacks it cannot
    /// decide anything for the run: it fails, saying which file to restore.
    /// </summary>
    private void End(WorkflowState state, object outcome)
    {
        state.Record(outcome);
        abandoned.Ended(state);
    }

    public WorkflowDefinition? DefinitionOf(WorkflowState state)
    {
        if (context.Catalog.ByHash(state.DefinitionHash) is { } definition)
        {
            return definition;
        }

        Fail(state, null,
            $"definition '{state.Definition}' v{state.DefinitionVersion} (hash {state.DefinitionHash[..Math.Min(12, state.DefinitionHash.Length)]}) is not loaded on this node; restore that version of the file");
        return null;
    }
}
