using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;

namespace Sagas.Workers;

/// <summary>
/// An attempt to undo a completed step: the handler's compensation runs it, and
/// <see cref="StepCompensated"/> or <see cref="StepCompensationFailed"/> answers.
/// </summary>
public sealed class StepCompensation : IStepCommandHandling<CompensateStep>
{
    public Task<StepOutcome> RunAsync(StepHandlers handlers, string service, StepRequest request, CancellationToken cancellationToken) =>
        handlers.CompensateAsync(service, request, cancellationToken);

    // The answer names the effect as the command did, so the saga knows which of a step's effects it is about.
    public IStepResult Completed(CompensateStep command, JsonNode output, AttemptRun run) => new StepCompensated
    {
        WorkflowId = command.WorkflowId,
        StepId = command.StepId,
        Attempt = command.Attempt,
        Output = output,
        CompensatedAt = run.EndedAt,
        EffectKey = command.EffectKey,
        EffectService = command.EffectService,
        MaybeCompleted = command.MaybeCompleted,
    };

    public IStepResult Failed(CompensateStep command, StepOutcome.Failure failure, AttemptRun run) => new StepCompensationFailed
    {
        WorkflowId = command.WorkflowId,
        StepId = command.StepId,
        Attempt = command.Attempt,
        Reason = failure.Reason,
        Retryable = failure.Retryable,
        FailedAt = run.EndedAt,
        EffectKey = command.EffectKey,
        EffectService = command.EffectService,
        MaybeCompleted = command.MaybeCompleted,
    };
}
