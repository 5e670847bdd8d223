using System.Text.Json.Nodes;
using Sagas.Bench.Peers.Starting;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Wolverine;
using Wolverine.Persistence.Sagas;

namespace Sagas.Bench.Peers.Wolverine.Workflow;

/// <summary>
/// The same fixed workflow as the MassTransit peer, as a Wolverine team would write it: the saga is
/// its own state (one Marten document) and its handlers; what a handler returns is sent once the
/// document is saved. Five steps on the <c>noop</c> service one after another; a failed step fails
/// the workflow (no retries, no compensation, no timers). The document is kept when the workflow
/// ends (no <c>MarkCompleted</c>, which would delete it), so a duplicate start finds it.
/// </summary>
public sealed class FiveStepSaga : Saga
{
    public const int Steps = 5;

    /// <summary>The workflow id.</summary>
    public Guid Id { get; set; }

    public WorkflowStatus Status { get; set; }

    public string Definition { get; set; } = string.Empty;

    public JsonObject Input { get; set; } = [];

    /// <summary>The step whose result the workflow waits for, 1 to 5.</summary>
    public int Step { get; set; }

    // The client's start goes straight to the saga: Wolverine reads the plain JSON on the start queue
    // itself, so the hop the MassTransit peer makes (start → StartWorkflow → saga) is not needed.
    // An instance method: with a Handle for the same message, Wolverine creates the saga and calls
    // Start on it, and a saga a static Start returned would not be the one it saves.
    public ExecuteStep Start([SagaIdentityFrom(nameof(StartRequest.WorkflowId))] StartRequest start)
    {
        Id = start.WorkflowId;
        Status = WorkflowStatus.Running;
        Definition = start.Definition ?? "five-steps";
        Input = start.Input ?? [];
        Step = 1;
        return ExecuteCurrentStep();
    }

    /// <summary>A duplicate start: the workflow exists already, so it starts nothing.</summary>
    public void Handle([SagaIdentityFrom(nameof(StartRequest.WorkflowId))] StartRequest start)
    {
    }

    // Only the result of the step awaited moves the workflow; a redelivered one does nothing.
    public OutgoingMessages Handle([SagaIdentityFrom(nameof(StepCompleted.WorkflowId))] StepCompleted completed)
    {
        var outgoing = new OutgoingMessages();
        if (Status != WorkflowStatus.Running || completed.StepId != StepId(Step))
        {
            return outgoing;
        }

        if (Step < Steps)
        {
            Step++;
            outgoing.Add(ExecuteCurrentStep());
            return outgoing;
        }

        Status = WorkflowStatus.Completed;
        outgoing.Add(new WorkflowCompleted { WorkflowId = Id, Definition = Definition, Version = 1, CompletedAt = DateTimeOffset.UtcNow });
        return outgoing;
    }

    public OutgoingMessages Handle([SagaIdentityFrom(nameof(StepFailed.WorkflowId))] StepFailed failed)
    {
        var outgoing = new OutgoingMessages();
        if (Status != WorkflowStatus.Running || failed.StepId != StepId(Step))
        {
            return outgoing;
        }

        Status = WorkflowStatus.Failed;
        outgoing.Add(new WorkflowFailed
        {
            WorkflowId = Id,
            Definition = Definition,
            StepId = failed.StepId,
            Reason = failed.Reason,
            FailedAt = DateTimeOffset.UtcNow,
        });
        return outgoing;
    }

    // A result for a workflow this peer does not know is dropped, as the MassTransit peer discards it.
    public static void NotFound(StepCompleted completed)
    {
    }

    public static void NotFound(StepFailed failed)
    {
    }

    private static string StepId(int step) => $"s{step}";

    private ExecuteStep ExecuteCurrentStep() => new()
    {
        WorkflowId = Id,
        StepId = StepId(Step),
        Attempt = 1,
        Service = "noop",
        Input = Input,
        Definition = Definition,
        DispatchedAt = DateTimeOffset.UtcNow,
        IdempotencyKey = $"{Id:N}/{StepId(Step)}",
    };
}
