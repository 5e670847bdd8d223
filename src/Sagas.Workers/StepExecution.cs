using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;

namespace Sagas.Workers;

/// <summary>An attempt of a step: the handler runs it, and <see cref="StepCompleted"/> or <see cref="StepFailed"/> answers.</summary>
public sealed class StepExecution : IStepCommandHandling<ExecuteStep>
{
    public Task<StepOutcome> RunAsync(StepHandlers handlers, string service, StepRequest request, CancellationToken cancellationToken) =>
        handlers.HandleAsync(service, request, cancellationToken);

    public IStepResult Completed(ExecuteStep command, JsonNode output, AttemptRun run) => new StepCompleted
    {
        WorkflowId = command.WorkflowId,
        StepId = command.StepId,
        Attempt = command.Attempt,
        Output = output,
        CompletedAt = run.EndedAt,
        Service = command.Service,
        StartedAt = run.StartedAt,
        Node = run.Node,
        Endpoint = run.Endpoint,
    };

    public IStepResult Failed(ExecuteStep command, StepOutcome.Failure failure, AttemptRun run) => new StepFailed
    {
        WorkflowId = command.WorkflowId,
        StepId = command.StepId,
        Attempt = command.Attempt,
        Reason = failure.Reason,
        Retryable = failure.Retryable,
        FailedAt = run.EndedAt,
        StartedAt = run.StartedAt,
        Node = run.Node,
        Endpoint = run.Endpoint,
    };
}
