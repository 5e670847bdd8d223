using System.Text.Json.Nodes;

namespace Sagas.Definitions.Planning;

/// <summary>
/// What a running instance knows, as the planner needs it: its input, the outputs of the
/// steps that completed, and the steps already dispatched and not yet finished.
/// </summary>
public sealed record WorkflowProgress(
    string WorkflowId,
    JsonObject Input,
    IReadOnlyDictionary<string, JsonNode?> CompletedOutputs,
    IReadOnlySet<string> InFlight)
{
    public static WorkflowProgress Starting(string workflowId, JsonObject input) =>
        new(workflowId, input, new Dictionary<string, JsonNode?>(), new HashSet<string>());

    public bool IsCompleted(string stepId) => CompletedOutputs.ContainsKey(stepId);
}
