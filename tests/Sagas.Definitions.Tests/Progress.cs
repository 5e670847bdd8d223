using System.Text.Json.Nodes;
using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;

namespace Sagas.Definitions.Tests;

/// <summary>Builds the progress of a running instance step by step.</summary>
internal static class Progress
{
    public static WorkflowProgress Start(JsonObject? input = null, string workflowId = "wf-1") =>
        WorkflowProgress.Starting(workflowId, input ?? []);

    /// <summary>The instance after <paramref name="stepId"/> finished with an empty object as its output.</summary>
    public static WorkflowProgress Completed(this WorkflowProgress progress, string stepId) => progress.Completed(stepId, new JsonObject());

    public static WorkflowProgress Completed(this WorkflowProgress progress, string stepId, JsonNode? output) => progress with
    {
        CompletedOutputs = new Dictionary<string, JsonNode?>(progress.CompletedOutputs) { [stepId] = output },
        InFlight = progress.InFlight.Where(id => id != stepId).ToHashSet(),
    };

    public static WorkflowProgress Skipping(this WorkflowProgress progress, params string[] stepIds) =>
        progress with { Skipped = progress.Skipped.Concat(stepIds).ToHashSet() };

    public static WorkflowProgress Dispatched(this WorkflowProgress progress, params string[] stepIds) =>
        progress with { InFlight = progress.InFlight.Concat(stepIds).ToHashSet() };

    /// <summary>What <c>now()</c> gives in a condition: a fixed time.</summary>
    public static readonly Sagas.Definitions.Expressions.ExpressionContext Conditions = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The planner's decisions now.</summary>
    public static StepDecisions Decide(this WorkflowProgress progress, WorkflowDefinition definition) =>
        ReadyStepPlanner.Decide(definition, progress, Conditions);

    /// <summary>The ids of the steps the planner would dispatch now, in file order.</summary>
    public static IReadOnlyList<string> ReadySteps(this WorkflowProgress progress, WorkflowDefinition definition) =>
        [.. ReadyStepPlanner.Decide(definition, progress, Conditions).Run.Select(p => p.Step.Id)];
}
