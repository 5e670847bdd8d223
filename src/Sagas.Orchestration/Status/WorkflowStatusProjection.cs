using Marten.Events.Aggregation;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Status;

/// <summary>
/// Builds <see cref="WorkflowStatusView"/> from a workflow's stream when it is asked for (Marten's
/// live aggregation: <c>AggregateStreamAsync</c>), so a step's transaction writes no view.
/// </summary>
public sealed class WorkflowStatusProjection : SingleStreamProjection<WorkflowStatusView, Guid>
{
    public static WorkflowStatusView Create(WorkflowStarted e) => new()
    {
        Id = e.WorkflowId,
        Definition = e.Definition,
        DefinitionVersion = e.Version,
        Status = WorkflowStatus.Running,
        StartedAt = e.StartedAt,
    };

    public static WorkflowStatusView Create(WorkflowRejected e) => new()
    {
        Id = e.WorkflowId,
        Definition = e.Definition,
        Status = WorkflowStatus.Rejected,
        StartedAt = e.RejectedAt,
        EndedAt = e.RejectedAt,
        DurationMs = 0,
        Error = e.Reason,
    };

    public static void Apply(StepDispatched e, WorkflowStatusView view)
    {
        if (!view.CurrentSteps.Contains(e.StepId))
        {
            view.CurrentSteps.Add(e.StepId);
        }

        view.Steps.Add(new StepTiming { StepId = e.StepId, Attempt = e.Attempt, Service = e.Service, DispatchedAt = e.DispatchedAt });
    }

    public static void Apply(StepCompleted e, WorkflowStatusView view)
    {
        view.CurrentSteps.Remove(e.StepId);
        view.CompletedSteps.Add(e.StepId);
        EndAttempt(view, e.StepId, e.Attempt, e.CompletedAt, "Completed");
    }

    public static void Apply(StepSkipped e, WorkflowStatusView view) => view.SkippedSteps.Add(e.StepId);

    public static void Apply(ItemsGathered e, WorkflowStatusView view) => view.CompletedSteps.Add(e.StepId);

    public static void Apply(ItemFailed e, WorkflowStatusView view) => view.CurrentSteps.Remove(e.StepId);

    public static void Apply(BranchChosen e, WorkflowStatusView view)
    {
        // Chosen again when an operator runs the step again: the latest choice stands.
        view.Branches.RemoveAll(b => b.StartsWith(e.StepId + ":", StringComparison.Ordinal));
        view.Branches.Add($"{e.StepId}: {e.Case}");
    }

    public static void Apply(StepFailed e, WorkflowStatusView view)
    {
        view.CurrentSteps.Remove(e.StepId);
        EndAttempt(view, e.StepId, e.Attempt, e.FailedAt, "Failed");
    }

    public static void Apply(StepTimedOut e, WorkflowStatusView view)
    {
        view.CurrentSteps.Remove(e.StepId);
        EndAttempt(view, e.StepId, e.Attempt, e.TimedOutAt, "TimedOut");
    }

    public static void Apply(CompensationStarted e, WorkflowStatusView view)
    {
        view.Status = WorkflowStatus.Compensating;
        view.FailedStep = e.FailedStep;
        view.Error = e.Reason;
    }

    public static void Apply(StepCompensated e, WorkflowStatusView view) =>
        (e.MaybeCompleted ? view.AbandonedUndone : view.CompensatedSteps).Add(e.MaybeCompleted ? $"{e.StepId} on {e.EffectService}" : e.StepId);

    public static void Apply(WorkflowNeedsAttention e, WorkflowStatusView view)
    {
        view.Status = WorkflowStatus.NeedsAttention;
        view.Error = e.Reason;
    }

    public static void Apply(StepRetryRequested e, WorkflowStatusView view)
    {
        view.Status = e.Compensation ? WorkflowStatus.Compensating : WorkflowStatus.Running;
        view.EndedAt = null;
        view.DurationMs = null;
        if (!e.Compensation)
        {
            view.FailedStep = null;
            view.Error = null;
            view.CurrentSteps.Clear();
        }
    }

    public static void Apply(WorkflowCompensated e, WorkflowStatusView view)
    {
        view.Status = WorkflowStatus.Compensated;
        view.FailedStep = e.FailedStep;
        view.Error = e.Reason;
        End(view, e.CompensatedAt);
    }

    public static void Apply(WorkflowCancelled e, WorkflowStatusView view)
    {
        view.Status = WorkflowStatus.Cancelled;
        view.Error = e.Reason;
        End(view, e.CancelledAt);
    }

    private static void EndAttempt(WorkflowStatusView view, string stepId, int attempt, DateTimeOffset at, string outcome)
    {
        if (view.Steps.LastOrDefault(s => s.StepId == stepId && s.Attempt == attempt) is { } timing)
        {
            timing.EndedAt = at;
            timing.DurationMs = (at - timing.DispatchedAt).TotalMilliseconds;
            timing.Outcome = outcome;
        }
    }

    public static void Apply(WorkflowCompleted e, WorkflowStatusView view)
    {
        view.Status = WorkflowStatus.Completed;
        view.Output = e.Output;
        End(view, e.CompletedAt);
    }

    public static void Apply(WorkflowFailed e, WorkflowStatusView view)
    {
        view.Status = WorkflowStatus.Failed;
        view.FailedStep = e.StepId;
        view.Error = e.Reason;
        End(view, e.FailedAt);
    }

    private static void End(WorkflowStatusView view, DateTimeOffset at)
    {
        view.EndedAt = at;
        view.DurationMs = (at - view.StartedAt).TotalMilliseconds;
    }
}
