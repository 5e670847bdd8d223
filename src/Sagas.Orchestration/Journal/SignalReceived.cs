using System.Text.Json.Nodes;

namespace Sagas.Orchestration.Journal;

/// <summary>
/// A signal given to the step waiting for it (at once, or after it was kept): its data becomes the
/// step's output, recorded with the <see cref="Contracts.Events.StepCompleted"/> that follows.
/// </summary>
public sealed record SignalReceived
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Signal { get; init; }

    public required string SignalId { get; init; }

    public JsonObject? Data { get; init; }

    /// <summary>True when it had come before the step waited, and was kept for it (<see cref="SignalKept"/>).</summary>
    public bool WasKept { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }
}
