namespace Sagas.Orchestration.Journal;

/// <summary>A step moved from one service to an alternate (failover), with the reason: attempts exhausted or circuit open.</summary>
public sealed record StepRerouted
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    /// <summary>The first attempt that goes to <see cref="To"/>.</summary>
    public required int Attempt { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset ReroutedAt { get; init; }
}
