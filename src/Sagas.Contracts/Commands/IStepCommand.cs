using System.Text.Json.Nodes;

namespace Sagas.Contracts.Commands;

/// <summary>
/// A command a service's worker runs for one attempt of a step: the step itself (<see cref="ExecuteStep"/>)
/// or its undo (<see cref="CompensateStep"/>).
/// </summary>
public interface IStepCommand : IWorkflowMessage
{
    string StepId { get; }

    int Attempt { get; }

    /// <summary>The service that runs it, whose queue it is sent to.</summary>
    string Service { get; }

    JsonObject Input { get; }

    string Definition { get; }

    DateTimeOffset DispatchedAt { get; }

    /// <summary>The same for every attempt: a service records its side effect under it and never repeats it.</summary>
    string IdempotencyKey { get; }
}
