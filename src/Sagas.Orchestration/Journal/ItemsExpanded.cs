using System.Text.Json.Nodes;

namespace Sagas.Orchestration.Journal;

/// <summary>
/// A <c>for_each</c> step's list, evaluated once when the step was ready: its items run as
/// instances of the step (<c>STEP[INDEX]</c>). A replay, a retry of an item and an item's
/// compensation read the items from here and never evaluate the list again.
/// </summary>
public sealed record ItemsExpanded
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required JsonArray Items { get; init; }

    /// <summary>The <c>for_each:</c> as written.</summary>
    public required string Expression { get; init; }

    /// <summary>What its paths read, by path.</summary>
    public required JsonObject Read { get; init; }

    /// <summary>The step's <c>when:</c> that was true, with what it read, when it has one.</summary>
    public StepConditionRecord? Condition { get; init; }

    public required DateTimeOffset ExpandedAt { get; init; }
}
