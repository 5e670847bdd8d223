using System.Text.Json.Nodes;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Planning;

/// <summary>
/// What the planner decided for the steps it could decide: run, skip, or fail on a condition;
/// expand a <c>for_each</c> step's list, or gather its items' outputs once all are done.
/// </summary>
public sealed record StepDecisions(IReadOnlyList<PlannedStep> Run, IReadOnlyList<StepSkip> Skip, IReadOnlyList<ConditionFailure> Failed)
{
    public IReadOnlyList<StepExpansion> Expand { get; init; } = [];

    public IReadOnlyList<StepGathering> Gather { get; init; } = [];

    /// <summary>Decisions to record before planning again: skips, expansions and gatherings change what is ready.</summary>
    public bool ChangesTheGraph => Skip.Count > 0 || Expand.Count > 0 || Gather.Count > 0;
}

/// <summary>
/// A step that will not run, and why: its <c>when:</c> was false (with the values it read), or
/// the dependencies its join needed were skipped.
/// </summary>
public sealed record StepSkip(StepDefinition Step, StepCondition? Condition, JsonObject? Read, IReadOnlyList<string> SkippedDependencies)
{
    public static StepSkip ByCondition(StepDefinition step, StepCondition condition, JsonObject read) => new(step, condition, read, []);

    public static StepSkip ByUpstream(StepDefinition step, IReadOnlyList<string> skipped) => new(step, null, null, skipped);

    /// <summary>One line for the stream and the history.</summary>
    public string Reason => Condition is { } condition
        ? $"when: {condition.Text} was false"
        : $"{(Step.Join == StepJoin.All ? "it needs every dependency, and" : "every dependency")} {string.Join(", ", SkippedDependencies.Select(d => $"'{d}'"))} {(SkippedDependencies.Count == 1 ? "was" : "were")} skipped";
}

/// <summary>A <c>when:</c> (the step's or a switch case's) that could not be evaluated (a missing value, a wrong type): the step fails with this.</summary>
public sealed record ConditionFailure(StepDefinition Step, StepCondition Condition, string Reason)
{
    /// <summary>The switch case whose <c>when:</c> this is; null for the step's own.</summary>
    public string? Case { get; init; }

    /// <summary>The key the expression stands under: <c>when</c>, or <c>for_each</c>.</summary>
    public string Key { get; init; } = "when";

    public string Message => $"{(Case is null ? "" : $"switch case '{Case}': ")}{Key}: {Condition.Text} could not be evaluated: {Reason}";
}
