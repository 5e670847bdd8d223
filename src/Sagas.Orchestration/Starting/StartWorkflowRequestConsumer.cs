using System.Diagnostics;
using MassTransit;
using Sagas.Contracts.Commands;
using Sagas.Orchestration.Telemetry;

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

        var workflowId = request.WorkflowId is null ? NewId.NextGuid() : Guid.Parse(request.WorkflowId);

        // The root of the workflow's trace (under the client's, when it sent one), when anyone traces.
        using var span = WorkflowTracing.Source.StartActivity($"start {request.Definition}", ActivityKind.Consumer);
        span?.SetTag("sagas.workflow.id", workflowId.ToString());
        span?.SetTag("sagas.definition", request.Definition);
        await context.Publish(new StartWorkflow
        {
            WorkflowId = workflowId,
            Definition = request.Definition ?? string.Empty,
            Version = request.Version,
            Input = request.Input,
            RequestedAt = clock.GetUtcNow(),
            TraceParent = span?.Id,
        });
    }
}
