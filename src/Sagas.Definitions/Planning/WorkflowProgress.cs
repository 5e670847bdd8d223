using System.Text.Json.Nodes;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Planning;

/// <summary>
/// What a running instance knows, as the planner needs it: its input, the outputs of the
/// steps that completed, the steps already dispatched and not yet finished, and the steps
/// skipped (<see cref="Skipped"/>).
/// </summary>
public sealed record WorkflowProgress(
    string WorkflowId,
    JsonObject Input,
    IReadOnlyDictionary<string, JsonNode?> CompletedOutputs,
    IReadOnlySet<string> InFlight)
{
    public static WorkflowProgress Starting(string workflowId, JsonObject input) =>
        new(workflowId, input, new Dictionary<string, JsonNode?>(), new HashSet<string>());

    /// <summary>Steps decided not to run: their <c>when:</c> was false, or what they join was skipped.</summary>
    public IReadOnlySet<string> Skipped { get; init; } = new HashSet<string>();

    /// <summary>The items each expanded <c>for_each</c> step runs over, by step id (recorded once, never evaluated again).</summary>
    public IReadOnlyDictionary<string, JsonArray> Expansions { get; init; } = new Dictionary<string, JsonArray>();

    /// <summary>Items that failed for good in a <c>for_each</c> step that goes on without them, by item step id, with the reason.</summary>
    public IReadOnlyDictionary<string, string> FailedItems { get; init; } = new Dictionary<string, string>();

    /// <summary>The item values are resolved for (<c>$.item</c>, <c>$.index</c>): set only while resolving one instance of a <c>for_each</c> step.</summary>
    public StepItem? Item { get; init; }

    /// <summary>This progress as one instance of a <c>for_each</c> step reads it; unchanged for any other step.</summary>
    public WorkflowProgress For(StepItem? item) => item is null ? this : this with { Item = item };

    public bool IsCompleted(string stepId) => CompletedOutputs.ContainsKey(stepId);

    /// <summary>Completed or skipped: nothing more will happen to the step going forward.</summary>
    public bool IsDone(string stepId) => IsCompleted(stepId) || Skipped.Contains(stepId);
}
