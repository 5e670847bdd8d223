using System.Text.Json.Nodes;

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

    public bool IsCompleted(string stepId) => CompletedOutputs.ContainsKey(stepId);

    /// <summary>Completed or skipped: nothing more will happen to the step going forward.</summary>
    public bool IsDone(string stepId) => IsCompleted(stepId) || Skipped.Contains(stepId);
}
