using System.Text.Json.Nodes;

namespace Sagas.Orchestration.Journal;

/// <summary>A signal no step of the run waits for or will wait for (the run ended, the step is done, the name is unknown): recorded, not lost.</summary>
public sealed record SignalIgnored
{
    public required Guid WorkflowId { get; init; }

    public required string Signal { get; init; }

    public required string SignalId { get; init; }

    public JsonObject? Data { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset IgnoredAt { get; init; }
}
