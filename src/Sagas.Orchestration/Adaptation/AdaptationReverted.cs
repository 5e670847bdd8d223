namespace Sagas.Orchestration.Adaptation;

/// <summary>
/// An adaptation ended: its trigger cleared past the hysteresis band, or its time ran out. In the
/// service's stream, after its <see cref="AdaptationApplied"/>, with the value that ended it.
/// </summary>
public sealed record AdaptationReverted
{
    public required string Service { get; init; }

    public string? Instance { get; init; }

    public required string Trigger { get; init; }

    public required string Action { get; init; }

    /// <summary>The value measured when it ended, in the unit of its <see cref="AdaptationApplied.Measured"/>.</summary>
    public required double Measured { get; init; }

    /// <summary>The value it had to come back under (or the time that ran out).</summary>
    public required double Threshold { get; init; }

    public required string Reason { get; init; }

    /// <summary>How long it was in force.</summary>
    public required TimeSpan Lasted { get; init; }

    public required string Orchestrator { get; init; }

    public required DateTimeOffset RevertedAt { get; init; }
}
