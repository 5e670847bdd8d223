using System.Text.Json.Nodes;

namespace Sagas.Orchestration.Journal;

/// <summary>
/// A step's <c>when:</c> was true, so it runs: recorded with the values it read, before its first
/// dispatch, so the stream explains why the step ran as well as why another did not
/// (<see cref="StepSkipped"/>). Retries and redispatches do not evaluate it again.
/// </summary>
public sealed record StepConditionMet
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required string Condition { get; init; }

    public required JsonObject Read { get; init; }

    public required DateTimeOffset DecidedAt { get; init; }
}
