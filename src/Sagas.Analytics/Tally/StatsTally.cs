using Sagas.Analytics.Buckets;
using Sagas.Contracts.Events;
using Sagas.Definitions.Model;
using Sagas.Orchestration.Journal;

namespace Sagas.Analytics.Tally;

/// <summary>
/// Folds workflow events into what they add to the stats rows: pure, no database. Each event is
/// counted once in a bucket of every width, at the moment the event itself records (not when the
/// projection saw it), so a rebuild puts every count where the live run did.
/// </summary>
public sealed class StatsTally(IDictionary<Guid, RunFacts> facts)
{
    private const string UnknownService = "(unknown)";

    private readonly Dictionary<WorkflowBucketKey, WorkflowBucketDelta> _workflows = [];
    private readonly Dictionary<StepBucketKey, StepBucketDelta> _steps = [];

    public IReadOnlyDictionary<WorkflowBucketKey, WorkflowBucketDelta> Workflows => _workflows;

    public IReadOnlyDictionary<StepBucketKey, StepBucketDelta> Steps => _steps;

    /// <summary>The event types whose facts place later events (what <see cref="RunFacts"/> is read from).</summary>
    public static readonly IReadOnlyList<Type> FactEvents = [typeof(WorkflowStarted), typeof(StepDispatched), typeof(StepQueued), typeof(CompensationDispatched)];

    public void Add(Guid workflowId, object @event)
    {
        if (@event is WorkflowStarted started)
        {
            // Every start the engine records names its definition: one that does not is a damaged
            // stream, and counting it under no name would hide it. The projection stops on it.
            if (string.IsNullOrWhiteSpace(started.Definition))
            {
                throw new InvalidDataException($"workflow {workflowId} has a WorkflowStarted without a definition; its stream is damaged");
            }

            facts[workflowId] = new RunFacts(started.Definition, started.Version, started.StartedAt);
            Workflow(started.Definition, started.Version, started.StartedAt, d => d.Started++);
            return;
        }

        if (@event is WorkflowRejected rejected)
        {
            // A rejected start has no WorkflowStarted: its definition may not even exist.
            Workflow(rejected.Definition, facts.TryGetValue(workflowId, out var known) ? known.Version : 0, rejected.RejectedAt, d =>
            {
                d.Rejected++;
                d.Failures.Add(rejected.Reason);
            });
            return;
        }

        // A workflow whose start was never seen (a node's stream, the operations stream) has nothing to place its events by.
        if (facts.TryGetValue(workflowId, out var run))
        {
            AddTo(run, @event);
        }
    }

    private void AddTo(RunFacts run, object @event)
    {
        switch (@event)
        {
            case WorkflowCompleted completed:
                Ended(run, completed.CompletedAt, d => d.Completed++);
                break;
            case WorkflowFailed failed:
                Ended(run, failed.FailedAt, d =>
                {
                    d.Failed++;
                    d.Failures.Add(failed.Reason);
                });
                break;
            case WorkflowCompensated compensated:
                Ended(run, compensated.CompensatedAt, d =>
                {
                    d.Compensated++;
                    d.Failures.Add(compensated.Reason);
                });
                break;
            case WorkflowCancelled cancelled:
                Ended(run, cancelled.CancelledAt, d => d.Cancelled++);
                break;
            case WorkflowNeedsAttention attention:
                Workflow(run.Definition, run.Version, attention.At, d => d.NeedsAttention++);
                break;
            case StepDispatched dispatched:
                var dispatch = new AttemptDispatch(dispatched.Service, dispatched.Endpoint ?? dispatched.Service, dispatched.DispatchedAt);
                run.Dispatched(dispatched.StepId, dispatched.Attempt, dispatch);
                Step(run, dispatched.StepId, dispatch.Service, dispatch.Endpoint, StepBucketKey.NoNode, dispatched.DispatchedAt, d => d.Dispatches++);
                break;
            case StepQueued { NoHealthyInstance: true } waiting:
                // Nothing was sent; but an attempt that fails for want of an instance is its service's failure, not an unknown one's.
                run.Dispatched(waiting.StepId, waiting.Attempt, new AttemptDispatch(waiting.Service, waiting.Service, waiting.QueuedAt));
                break;
            case StepCompleted completed:
                Answered(run, completed.StepId, completed.Attempt, completed.Service, completed.Endpoint, completed.Node,
                    completed.StartedAt, completed.CompletedAt, d => d.Completed++);
                break;
            case StepFailed failed:
                Answered(run, failed.StepId, failed.Attempt, null, failed.Endpoint, failed.Node, failed.StartedAt, failed.FailedAt, d =>
                {
                    d.Failed++;
                    d.Failures.Add(failed.Reason);
                });
                break;
            case StepTimedOut timedOut:
                Unanswered(run, timedOut.StepId, timedOut.Attempt, timedOut.Service, timedOut.TimedOutAt, d => d.Timeouts++);
                break;
            case StepRetryScheduled retry when !retry.Compensation && retry.Effect is null:
                Unanswered(run, retry.StepId, retry.Attempt, null, retry.ScheduledAt, d => d.Retries++);
                break;
            case StepRerouted rerouted:
                // Counted against where the step was: that service or endpoint lost the step.
                var from = run.DispatchBefore(rerouted.StepId, rerouted.Attempt);
                Step(run, rerouted.StepId, from?.Service ?? rerouted.From, from?.Endpoint ?? rerouted.From, StepBucketKey.NoNode,
                    rerouted.ReroutedAt, d => d.Reroutes++);
                break;
            case CompensationDispatched undo:
                run.CompensationDispatched(undo.StepId, undo.Service);
                Step(run, undo.StepId, undo.Service, undo.Service, StepBucketKey.NoNode, undo.DispatchedAt, d => d.Compensations++);
                break;
            case StepCompensationFailed undoFailed:
                var service = run.CompensatingServiceOf(undoFailed.StepId) ?? undoFailed.EffectService ?? UnknownService;
                Step(run, undoFailed.StepId, service, service, StepBucketKey.NoNode, undoFailed.FailedAt, d =>
                {
                    d.CompensationFailures++;
                    d.Failures.Add($"undo: {undoFailed.Reason}");
                });
                break;
        }
    }

    private void Answered(
        RunFacts run, string step, int attempt, string? service, string? endpoint, string? node,
        DateTimeOffset? startedAt, DateTimeOffset answeredAt, Action<StepBucketDelta> count)
    {
        var dispatch = run.DispatchOf(step, attempt);
        var actualService = service ?? dispatch?.Service ?? UnknownService;
        Step(run, step, actualService, endpoint ?? dispatch?.Endpoint ?? actualService, node ?? StepBucketKey.NoNode, answeredAt, d =>
        {
            count(d);
            if (startedAt is { } started)
            {
                if (dispatch is not null)
                {
                    d.QueueWait.Record(NotNegative(started - dispatch.DispatchedAt));
                }

                d.Execution.Record(NotNegative(answeredAt - started));
            }
        });
    }

    private void Unanswered(RunFacts run, string step, int attempt, string? service, DateTimeOffset at, Action<StepBucketDelta> count)
    {
        var dispatch = run.DispatchOf(step, attempt);
        var actualService = dispatch?.Service ?? service ?? UnknownService;
        Step(run, step, actualService, dispatch?.Endpoint ?? actualService, StepBucketKey.NoNode, at, count);
    }

    private void Ended(RunFacts run, DateTimeOffset endedAt, Action<WorkflowBucketDelta> count) =>
        Workflow(run.Definition, run.Version, endedAt, d =>
        {
            count(d);
            d.Durations.Record(NotNegative(endedAt - run.StartedAt));
        });

    private void Workflow(string definition, int version, DateTimeOffset at, Action<WorkflowBucketDelta> change)
    {
        foreach (var granularity in BucketTime.All)
        {
            var key = new WorkflowBucketKey(granularity, BucketTime.StartOf(at, granularity), definition, version);
            if (!_workflows.TryGetValue(key, out var delta))
            {
                _workflows[key] = delta = new WorkflowBucketDelta();
            }

            change(delta);
        }
    }

    // The items of a for_each step (STEP[INDEX]) count under their step: one row per step, not per item.
    private void Step(RunFacts run, string step, string service, string endpoint, string node, DateTimeOffset at, Action<StepBucketDelta> change)
    {
        var counted = StepItem.TryParse(step, out var parent, out _) ? parent : step;
        foreach (var granularity in BucketTime.All)
        {
            var key = new StepBucketKey(granularity, BucketTime.StartOf(at, granularity), run.Definition, run.Version, counted, service, endpoint, node);
            if (!_steps.TryGetValue(key, out var delta))
            {
                _steps[key] = delta = new StepBucketDelta();
            }

            change(delta);
        }
    }

    // Clocks of different machines disagree a little; a worker whose clock runs behind is not a negative wait.
    private static TimeSpan NotNegative(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
