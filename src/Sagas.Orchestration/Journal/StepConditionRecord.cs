using System.Text.Json.Nodes;

namespace Sagas.Orchestration.Journal;

/// <summary>
/// A <c>when:</c> that was true: the expression as written and the values its paths read. It
/// travels on the event the decision led to (<see cref="StepDispatched"/>, <see cref="StepQueued"/>,
/// or <see cref="StepConditionMet"/> when the run ended there), rather than as an event of its own
/// per step: an extra row per step cost linear-5+when 9% of its throughput.
/// </summary>
public sealed record StepConditionRecord(string Expression, JsonObject Read);
