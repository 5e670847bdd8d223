using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;

namespace Sagas.Workers;

/// <summary>An attempt of a step: the handler runs it, and <see cref="StepCompleted"/> or <see cref="StepFailed"/> answers.</summary>
public sealed class StepExecution : IStepCommandHandling<ExecuteStep>
{
    public Task<StepOutcome> RunAsync(StepHandlers handlers, string service, StepRequest request, CancellationToken cancellationToken) =>
        handlers.HandleAsync(service, request, cancellationToken);

    public IStepResult Completed(ExecuteStep command, JsonNode output, DateTimeOffset at) =>
        new StepCompleted { WorkflowId = command.WorkflowId, StepId = command.StepId, Attempt = command.Attempt, Output = output, CompletedAt = at, Service = command.Service };

    public IStepResult Failed(ExecuteStep command, StepOutcome.Failure failure, DateTimeOffset at) =>
        new StepFailed { WorkflowId = command.WorkflowId, StepId = command.StepId, Attempt = command.Attempt, Reason = failure.Reason, Retryable = failure.Retryable, FailedAt = at };
}
