using System.Text.Json.Nodes;

namespace Sagas.Orchestration.Journal;

/// <summary>
/// The case a step's <c>switch:</c> chose when the step became ready: the first whose
/// <see cref="Condition"/> held, or the default (no condition), with every value the cases tried
/// read. Decided once; a replay and every later attempt of the step (retries, failovers, timeouts,
/// its compensation) read this and never evaluate again; only an operator's retry, which starts
/// the step afresh, chooses again, recorded as another of these. The step then runs as the case
/// says (its service, input, timeout, retry, compensation).
/// </summary>
public sealed record BranchChosen
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required string Case { get; init; }

    /// <summary>The service the case calls.</summary>
    public required string Service { get; init; }

    /// <summary>The chosen case's <c>when:</c> as written; null for the default.</summary>
    public string? Condition { get; init; }

    /// <summary>What the conditions of the cases tried read, by path.</summary>
    public required JsonObject Read { get; init; }

    public required DateTimeOffset ChosenAt { get; init; }
}
