using System.Text.Json.Nodes;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Workflows;

/// <summary>The replay check that 'sagas doctor --replay' runs: a stream against the state the saga holds.</summary>
public sealed class When_a_stream_is_replayed
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_state_built_by_recording_its_events_has_no_differences()
    {
        var (held, events) = Recorded();

        Assert.Empty(WorkflowReplay.Differences(held, events));
    }

    [Fact]
    public void A_state_that_moved_without_an_event_names_what_differs()
    {
        var (held, events) = Recorded();
        held.Status = WorkflowStatus.Completed;
        held.Outputs["ship"] = new JsonObject { ["trackingNumber"] = "trk-1" };

        Assert.Equal(["Status", "Outputs"], WorkflowReplay.Differences(held, events));
    }

    [Fact]
    public void A_state_with_an_event_missing_from_its_stream_differs()
    {
        var (held, events) = Recorded();

        Assert.Equal(["Outputs", "InFlight"], WorkflowReplay.Differences(held, events.Take(2)));
    }

    [Fact]
    public void The_state_machines_own_bookkeeping_is_not_compared()
    {
        var (held, events) = Recorded();
        held.CurrentState = "Running";
        held.StepTimers["reserve"] = Guid.NewGuid();

        Assert.Empty(WorkflowReplay.Differences(held, events));
    }

    // A workflow that started, dispatched a step and heard it completed, recorded as the saga records.
    private static (WorkflowState Held, IReadOnlyList<object> Events) Recorded()
    {
        var held = new WorkflowState();
        held.Record(new WorkflowStarted { WorkflowId = Id, Definition = "order", Version = 1, DefinitionHash = "h", Input = new JsonObject { ["orderId"] = "o-1" }, StartedAt = At });
        held.Record(new StepDispatched { WorkflowId = Id, StepId = "reserve", Attempt = 1, Service = "inventory", Input = [], DispatchedAt = At, IdempotencyKey = $"{Id:N}/reserve" });
        held.Record(new StepCompleted { WorkflowId = Id, StepId = "reserve", Attempt = 1, Output = new JsonObject { ["reservationId"] = "r-1" }, CompletedAt = At });
        return (held, [.. held.PendingEvents]);
    }
}
