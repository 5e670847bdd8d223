using System.Text.Json.Nodes;

namespace Sagas.Orchestration.Journal;

/// <summary>
/// A step that will not run: its <c>when:</c> was false (<see cref="Condition"/>, with the values
/// it read), the dependencies its join needed were skipped (<see cref="SkippedDependencies"/>), or it
/// is optional and its service was degraded (<see cref="Optional"/>).
/// Decided once; a replay reads this and never evaluates again. A skipped step has nothing to undo.
/// </summary>
public sealed record StepSkipped
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required string Reason { get; init; }

    /// <summary>The <c>when:</c> as written, when that is why.</summary>
    public string? Condition { get; init; }

    /// <summary>What the condition's paths read, by path, when that is why.</summary>
    public JsonObject? Read { get; init; }

    public IReadOnlyList<string> SkippedDependencies { get; init; } = [];

    /// <summary>
    /// True for an <c>optional: true</c> step skipped while its service was degraded by an
    /// adaptation (<see cref="Reason"/> says which, with its figures): unlike a skip by
    /// <c>when</c>, its dependents run, as if it were done without output.
    /// </summary>
    public bool Optional { get; init; }

    public required DateTimeOffset SkippedAt { get; init; }
}
