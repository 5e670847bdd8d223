using MassTransit;
using Sagas.Contracts.Commands;
using Sagas.Definitions.Model;

namespace Sagas.Orchestration.Signaling;

/// <summary>
/// Turns a client's raw JSON signal into a typed <see cref="SignalWorkflow"/> for the saga. JSON
/// that does not parse never gets here (MassTransit moves it to <c>workflow-signal_error</c> with
/// the parser's reason); a request without a workflow id that is a UUID, or without a valid name,
/// goes the same way with the reason. A signal for a workflow that does not exist goes to the
/// orchestrator's error queue; one for a run that takes no such signal is recorded there as ignored.
/// </summary>
public sealed class WorkflowSignalRequestConsumer(TimeProvider clock) : IConsumer<WorkflowSignalRequest>
{
    public async Task Consume(ConsumeContext<WorkflowSignalRequest> context)
    {
        var request = context.Message;
        if (!Guid.TryParse(request.WorkflowId, out var workflowId))
        {
            throw new InvalidSignalRequestException(request.WorkflowId is null
                ? "the signal has no workflowId; give the UUID of the workflow it is for"
                : $"workflowId '{request.WorkflowId}' is not a UUID");
        }

        if (request.Name is null || !StepWait.IsValidSignalName(request.Name))
        {
            throw new InvalidSignalRequestException(request.Name is null
                ? "the signal has no name; give the name a step waits for (wait_for.signal)"
                : $"signal name '{request.Name}' may hold only letters, digits, '.', '_' and '-' (at most 100), starting with a letter or digit");
        }

        await context.Publish(new SignalWorkflow
        {
            WorkflowId = workflowId,
            Name = request.Name,
            Data = request.Data,
            // The message's own id stands in for a missing signal id, so a redelivery of it counts once.
            SignalId = request.SignalId ?? context.MessageId?.ToString() ?? NewId.NextGuid().ToString(),
            SentAt = clock.GetUtcNow(),
        });
    }
}
