using System.Text.Json.Nodes;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Planning;

/// <summary>
/// A step ready to dispatch with its input resolved, or, when a reference could not be
/// resolved (an upstream output lacked a field), the reason, so the step fails visibly.
/// </summary>
public sealed record PlannedStep(StepDefinition Step, Resolution Input)
{
    /// <summary>The values its <c>when:</c> read, when it has one (it was true): recorded with the dispatch.</summary>
    public JsonObject? ConditionRead { get; init; }
}
