using System.Text.Json.Nodes;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Planning;

/// <summary>
/// A step ready to dispatch (as the case its switch chose, if it has one) with its input resolved, or, when a reference could not be
/// resolved (an upstream output lacked a field), the reason, so the step fails visibly.
/// </summary>
public sealed record PlannedStep(StepDefinition Step, Resolution Input)
{
    /// <summary>The values its <c>when:</c> read, when it has one (it was true): recorded with the dispatch.</summary>
    public JsonObject? ConditionRead { get; init; }

    /// <summary>The case its <c>switch:</c> chose, when it has one: recorded before it is dispatched.</summary>
    public BranchChoice? Branch { get; init; }
}

/// <summary>
/// The case a <c>switch:</c> chose: its name, the <c>when:</c> that held (null for the default), and
/// every value the cases tried on the way read, by path.
/// </summary>
public sealed record BranchChoice(string Case, string? Condition, JsonObject Read);
