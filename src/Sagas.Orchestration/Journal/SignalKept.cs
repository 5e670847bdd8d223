using System.Text.Json.Nodes;

namespace Sagas.Orchestration.Journal;

/// <summary>
/// A signal that came before the step that waits for it: kept in the run, and given to that step
/// when it starts waiting (<see cref="SignalReceived"/> with <c>WasKept</c>).
/// </summary>
public sealed record SignalKept
{
    public required Guid WorkflowId { get; init; }

    public required string Signal { get; init; }

    public required string SignalId { get; init; }

    public JsonObject? Data { get; init; }

    /// <summary>The step that will wait for it.</summary>
    public required string ForStep { get; init; }

    public required DateTimeOffset KeptAt { get; init; }
}
