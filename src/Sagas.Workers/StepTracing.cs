using System.Diagnostics;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Telemetry;

namespace Sagas.Workers;

/// <summary>
/// A worker's span for one attempt (or undo) of a step, in the workflow's trace that the command
/// carries (<see cref="StepCommand.TraceParent"/>), linked to the message's own span when
/// MassTransit traces too. Null when nobody listens or the workflow is not traced.
/// </summary>
internal static class StepTracing
{
    private static readonly ActivitySource Source = new(SagasTelemetry.Name);

    public static Activity? Start(StepCommand command, string node, string endpoint)
    {
        if (command.TraceParent is null || !Source.HasListeners() || !ActivityContext.TryParse(command.TraceParent, null, out var trace))
        {
            return null;
        }

        var what = command is CompensateStep ? "undo" : "execute";
        ActivityLink[]? links = Activity.Current is { } delivery ? [new ActivityLink(delivery.Context)] : null;
        var span = Source.StartActivity($"{what} {command.StepId} #{command.Attempt}", ActivityKind.Consumer, trace, links: links);
        span?.SetTag("sagas.workflow.id", command.WorkflowId.ToString());
        span?.SetTag("sagas.step", command.StepId);
        span?.SetTag("sagas.attempt", command.Attempt);
        span?.SetTag("sagas.service", command.Service);
        span?.SetTag("sagas.node", node);
        span?.SetTag("sagas.endpoint", endpoint);
        return span;
    }
}
