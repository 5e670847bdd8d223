using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;

namespace Sagas.Workers;

/// <summary>
/// What one kind of step command asks of its service's handler, and the results that answer it:
/// the small difference between running a step and undoing it.
/// </summary>
public interface IStepCommandHandling<in TCommand>
    where TCommand : StepCommand
{
    Task<StepOutcome> RunAsync(StepHandlers handlers, string service, StepRequest request, CancellationToken cancellationToken);

    IStepResult Completed(TCommand command, JsonNode output, AttemptRun run);

    IStepResult Failed(TCommand command, StepOutcome.Failure failure, AttemptRun run);
}
