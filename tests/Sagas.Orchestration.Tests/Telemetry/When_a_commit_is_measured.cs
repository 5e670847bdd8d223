using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Telemetry;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Telemetry;

/// <summary>What the meter <c>Sagas</c> records of a committed write: given its events, then these measurements.</summary>
public sealed class When_a_commit_is_measured : IDisposable
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measured = [];

    public When_a_commit_is_measured()
    {
        // Only this test's meter: tests running beside it have meters of the same name.
        var meters = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == WorkflowMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    [Fact]
    public void A_run_that_completes_is_counted_started_and_ended_with_its_step_and_durations()
    {
        var metrics = new WorkflowMetrics(_services.GetRequiredService<IMeterFactory>());
        var state = new WorkflowState();
        state.Record(new WorkflowStarted { WorkflowId = Id, Definition = "order", Version = 2, DefinitionHash = "h", Input = [], StartedAt = At });
        state.Record(new StepDispatched { WorkflowId = Id, StepId = "charge", Attempt = 1, Service = "payment", Input = [], DispatchedAt = At, IdempotencyKey = $"{Id:N}/charge" });
        state.Record(new StepCompleted { WorkflowId = Id, StepId = "charge", Attempt = 1, Output = new JsonObject(), StartedAt = At.AddMilliseconds(5), CompletedAt = At.AddMilliseconds(45) });
        state.Record(new WorkflowCompleted { WorkflowId = Id, Definition = "order", Version = 2, CompletedAt = At.AddMilliseconds(60) });

        metrics.Record(state, [.. state.PendingEvents]);

        Assert.Equal(("order", 2), Single("sagas.workflows.started", m => (m.Tags["definition"], m.Tags["version"])));
        Assert.Equal(("payment", "completed"), Single("sagas.steps.results", m => (m.Tags["service"], m.Tags["outcome"])));
        Assert.Equal(40, Single("sagas.step.execution", m => m.Value));
        Assert.Equal(("order", "Completed"), Single("sagas.workflows.ended", m => (m.Tags["definition"], m.Tags["status"])));
        Assert.Equal(60, Single("sagas.workflow.duration", m => m.Value));
        Assert.DoesNotContain(_measured.SelectMany(m => m.Tags.Values), value => value?.ToString() == Id.ToString());
    }

    [Fact]
    public void A_retry_and_a_reroute_are_counted_on_the_service_the_step_went_to_and_an_undo_retry_is_not()
    {
        var metrics = new WorkflowMetrics(_services.GetRequiredService<IMeterFactory>());
        var state = new WorkflowState();
        state.Record(new WorkflowStarted { WorkflowId = Id, Definition = "order", Version = 1, DefinitionHash = "h", Input = [], StartedAt = At });
        state.Record(new StepDispatched { WorkflowId = Id, StepId = "charge", Attempt = 1, Service = "payment", Input = [], DispatchedAt = At, IdempotencyKey = $"{Id:N}/charge" });
        state.Record(new StepFailed { WorkflowId = Id, StepId = "charge", Attempt = 1, Reason = "boom", Retryable = true, FailedAt = At.AddMilliseconds(3) });
        state.Record(new StepRetryScheduled { WorkflowId = Id, StepId = "charge", Attempt = 1, NextAttempt = 2, Delay = TimeSpan.FromSeconds(1), DueAt = At.AddSeconds(1), Reason = "boom", Policy = "default", ScheduledAt = At });

        metrics.Record(state, [.. state.PendingEvents.Skip(2)]);
        metrics.Record(state, [new StepRetryScheduled { WorkflowId = Id, StepId = "charge", Attempt = 1, NextAttempt = 2, Delay = TimeSpan.FromSeconds(1), DueAt = At.AddSeconds(1), Reason = "undo failed", Policy = "default", Compensation = true, ScheduledAt = At }]);
        metrics.Record(state, [new StepRerouted { WorkflowId = Id, StepId = "charge", Attempt = 2, From = "payment", To = "payment-backup", Reason = "circuit open", ReroutedAt = At }]);

        Assert.Equal(("payment", "failed"), Single("sagas.steps.results", m => (m.Tags["service"], m.Tags["outcome"])));
        Assert.Equal("payment", Single("sagas.steps.retries", m => m.Tags["service"]));
        Assert.Equal("payment", Single("sagas.steps.reroutes", m => m.Tags["service"]));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    private T Single<T>(string instrument, Func<(string Instrument, double Value, Dictionary<string, object?> Tags), T> read) =>
        read(Assert.Single(_measured, m => m.Instrument == instrument));

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copied[tag.Key] = tag.Value;
        }

        lock (_measured)
        {
            _measured.Add((instrument.Name, value, copied));
        }
    }
}
