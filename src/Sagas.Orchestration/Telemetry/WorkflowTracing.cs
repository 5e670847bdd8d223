using System.Diagnostics;
using Sagas.Contracts.Events;
using Sagas.Contracts.Telemetry;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Telemetry;

/// <summary>
/// The orchestrator's spans: one per message a workflow took and committed, in the workflow's own
/// trace (its <see cref="WorkflowState.TraceParent"/>, from its start), with an event for each
/// decision it recorded. Emitted after the commit, never before, and never kept open across
/// messages: a retry due hours later is a span of its own in the same trace, wherever it runs.
/// </summary>
public static class WorkflowTracing
{
    public static readonly ActivitySource Source = new(SagasTelemetry.Name);

    /// <summary>The span of one committed message, from when the node took it (<paramref name="began"/>) until now.</summary>
    public static void Record(WorkflowState state, IReadOnlyList<object> events, object message, DateTimeOffset began)
    {
        if (state.TraceParent is null || !Source.HasListeners() || !ActivityContext.TryParse(state.TraceParent, null, out var trace))
        {
            return;
        }

        var step = message as IStepResult;
        var name = step is null ? $"orchestrate {message.GetType().Name}" : $"orchestrate {message.GetType().Name} {step.StepId} #{step.Attempt}";
        var previous = Activity.Current;
        using var span = Source.CreateActivity(name, ActivityKind.Consumer, trace);
        if (span is null)
        {
            return;
        }

        span.SetStartTime(began.UtcDateTime);
        span.SetTag("sagas.workflow.id", state.CorrelationId.ToString());
        span.SetTag("sagas.definition", state.Definition);
        if (step is not null)
        {
            span.SetTag("sagas.step", step.StepId);
            span.SetTag("sagas.attempt", step.Attempt);
        }

        span.Start();
        foreach (var @event in events)
        {
            span.AddEvent(new ActivityEvent(@event.GetType().Name, tags: DetailsOf(@event)));
        }

        if (events.Any(e => e is WorkflowFailed or WorkflowCompensated or WorkflowCancelled or WorkflowRejected or StepFailed or StepTimedOut))
        {
            span.SetStatus(ActivityStatusCode.Error, events.Select(ReasonOf).FirstOrDefault(r => r is not null));
        }

        span.Stop();

        // Stopping makes the span's parent current, and it has none here: the message's own stays current.
        Activity.Current = previous;
    }

    private static ActivityTagsCollection DetailsOf(object @event) => @event switch
    {
        StepDispatched d => new() { ["sagas.step"] = d.StepId, ["sagas.attempt"] = d.Attempt, ["sagas.service"] = d.Service, ["sagas.endpoint"] = d.Endpoint },
        StepRetryScheduled r => new() { ["sagas.step"] = r.StepId, ["sagas.attempt"] = r.NextAttempt, ["sagas.retry.delay_ms"] = r.Delay.TotalMilliseconds, ["sagas.reason"] = r.Reason },
        StepRerouted r => new() { ["sagas.step"] = r.StepId, ["sagas.from"] = r.From, ["sagas.to"] = r.To, ["sagas.reason"] = r.Reason },
        CompensationDispatched c => new() { ["sagas.step"] = c.StepId, ["sagas.attempt"] = c.Attempt, ["sagas.service"] = c.Service },
        _ => [],
    };

    private static string? ReasonOf(object @event) => @event switch
    {
        WorkflowFailed f => f.Reason,
        WorkflowCompensated c => c.Reason,
        WorkflowCancelled c => c.Reason,
        WorkflowRejected r => r.Reason,
        StepFailed f => f.Reason,
        StepTimedOut t => $"no result within {t.Timeout}",
        _ => null,
    };
}
