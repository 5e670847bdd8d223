using System.Diagnostics.Metrics;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Telemetry;

/// <summary>
/// The meter <c>Sagas</c>: what the orchestrator's commits made durable, counted once each. A
/// message's events are measured only after its transaction committed, so a write that lost a
/// race and is retried from a fresh load is measured by the retry alone, and a replay measures
/// nothing. Labels are bounded: definitions, services and outcomes, never workflow ids.
/// </summary>
public sealed class WorkflowMetrics
{
    public const string MeterName = Contracts.Telemetry.SagasTelemetry.Name;

    private readonly Counter<long> _started;
    private readonly Counter<long> _ended;
    private readonly Histogram<double> _workflowDuration;
    private readonly Counter<long> _stepResults;
    private readonly Histogram<double> _stepExecution;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _reroutes;

    public WorkflowMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _started = meter.CreateCounter<long>("sagas.workflows.started", "{workflow}", "Workflows started, by definition and version");
        _ended = meter.CreateCounter<long>("sagas.workflows.ended", "{workflow}", "Workflows ended, by definition and status");
        _workflowDuration = meter.CreateHistogram<double>("sagas.workflow.duration", "ms", "From start to end, by definition and status");
        _stepResults = meter.CreateCounter<long>("sagas.steps.results", "{attempt}", "Step attempts answered or timed out, by service and outcome");
        _stepExecution = meter.CreateHistogram<double>("sagas.step.execution", "ms", "How long a worker ran an attempt (its start to its answer), by service and outcome");
        _retries = meter.CreateCounter<long>("sagas.steps.retries", "{retry}", "Retries scheduled, by service");
        _reroutes = meter.CreateCounter<long>("sagas.steps.reroutes", "{reroute}", "Steps sent to another service or endpoint than planned, by service");
    }

    /// <summary>Measures the events one committed write recorded, with the state they left.</summary>
    public void Record(WorkflowState state, IReadOnlyList<object> events)
    {
        foreach (var @event in events)
        {
            switch (@event)
            {
                case WorkflowStarted started:
                    _started.Add(1, Tag("definition", started.Definition), Tag("version", started.Version));
                    break;
                case WorkflowCompleted or WorkflowFailed or WorkflowCompensated or WorkflowCancelled or WorkflowRejected:
                    Ended(state);
                    break;
                case StepCompleted completed:
                    StepAnswered(ServiceOf(state, completed.StepId, completed.Service), "completed", completed.StartedAt, completed.CompletedAt);
                    break;
                case StepFailed failed:
                    StepAnswered(ServiceOf(state, failed.StepId, null), "failed", failed.StartedAt, failed.FailedAt);
                    break;
                case StepTimedOut timedOut:
                    _stepResults.Add(1, Tag("service", ServiceOf(state, timedOut.StepId, timedOut.Service)), Tag("outcome", "timed_out"));
                    break;
                case StepRetryScheduled retry when !retry.Compensation:
                    _retries.Add(1, Tag("service", ServiceOf(state, retry.StepId, null)));
                    break;
                case StepRerouted rerouted:
                    _reroutes.Add(1, Tag("service", rerouted.From));
                    break;
            }
        }
    }

    private void Ended(WorkflowState state)
    {
        var definition = Tag("definition", state.Definition);
        var status = Tag("status", state.Status.ToString());
        _ended.Add(1, definition, status);
        if (state.EndedAt is { } ended)
        {
            _workflowDuration.Record((ended - state.StartedAt).TotalMilliseconds, definition, status);
        }
    }

    private void StepAnswered(string service, string outcome, DateTimeOffset? startedAt, DateTimeOffset endedAt)
    {
        _stepResults.Add(1, Tag("service", service), Tag("outcome", outcome));
        // Workers of earlier versions do not say when they started.
        if (startedAt is { } started)
        {
            _stepExecution.Record((endedAt - started).TotalMilliseconds, Tag("service", service), Tag("outcome", outcome));
        }
    }

    // The service the step was sent to (an alternate, when rerouted), else the one the result names.
    private static string ServiceOf(WorkflowState state, string stepId, string? named) =>
        state.Routes.GetValueOrDefault(stepId)?.Service ?? named ?? "unknown";

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);
}
