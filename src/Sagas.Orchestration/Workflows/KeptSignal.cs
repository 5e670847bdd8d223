using System.Text.Json.Nodes;

namespace Sagas.Orchestration.Workflows;

/// <summary>A signal that came before its step waited (<see cref="Journal.SignalKept"/>), held until the step waits.</summary>
public sealed record KeptSignal(string SignalId, JsonObject? Data);
