using MassTransit;
using Sagas.Contracts.Commands;

namespace Sagas.Orchestration.Starting;

/// <summary>
/// Turns a client's raw JSON start into a typed <see cref="StartWorkflow"/> for the saga.
/// JSON that does not parse never gets here: MassTransit moves it to <c>start-workflow_error</c>
/// with the parser's reason in its headers. A request this consumer cannot correlate (an id
/// that is not a UUID) goes the same way; anything else reaches the saga, which rejects it
/// visibly when it is wrong.
/// </summary>
public sealed class StartWorkflowRequestConsumer(TimeProvider clock) : IConsumer<StartWorkflowRequest>
{
    public async Task Consume(ConsumeContext<StartWorkflowRequest> context)
    {
        var request = context.Message;
        if (request.WorkflowId is { } given && !Guid.TryParse(given, out _))
        {
            throw new InvalidStartRequestException($"workflowId '{given}' is not a UUID; leave it out to have one assigned");
        }

        await context.Publish(new StartWorkflow
        {
            WorkflowId = request.WorkflowId is null ? NewId.NextGuid() : Guid.Parse(request.WorkflowId),
            Definition = request.Definition ?? string.Empty,
            Version = request.Version,
            Input = request.Input,
            RequestedAt = clock.GetUtcNow(),
        });
    }
}
