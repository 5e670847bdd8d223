namespace Sagas.Orchestration.Status;

/// <summary>One attempt of a step as the status view shows it: when it was sent, when and how it ended.</summary>
public sealed class StepTiming
{
    public string StepId { get; set; } = string.Empty;

    public int Attempt { get; set; }

    public string Service { get; set; } = string.Empty;

    public DateTimeOffset DispatchedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public double? DurationMs { get; set; }

    /// <summary>Running, Completed or Failed.</summary>
    public string Outcome { get; set; } = "Running";
}
