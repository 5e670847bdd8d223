using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;
using Sagas.Orchestration.Recovery;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>Questions the deciders ask of a workflow's state: pure reads, no events.</summary>
internal static class WorkflowQueries
{
    /// <summary>
    /// Whether a result is for the attempt awaited: late (ended workflow), duplicate (finished
    /// step) and stale (older attempt) results change nothing.
    /// </summary>
    public static bool AwaitsAttempt(this WorkflowState state, string stepId, int attempt) =>
        !state.IsTerminal
        && state.InFlight.Contains(stepId)
        && state.Attempts.TryGetValue(stepId, out var current)
        && current == attempt;

    public static bool AwaitsCompensation(this WorkflowState state, string stepId, int attempt) =>
        state.CompensationInFlight.Contains(stepId)
        && state.CompensationAttempts.TryGetValue(stepId, out var current)
        && current == attempt;

    /// <summary>
    /// The planner's view: a step waiting out a retry delay, an open circuit or a slot counts as
    /// in flight, so it is not ready to dispatch afresh.
    /// </summary>
    public static WorkflowProgress Progress(this WorkflowState state) =>
        new(state.CorrelationId.ToString(), state.Input, state.Outputs,
            state.RetryDue.Count == 0 && state.AwaitingAdmission.Count == 0
                ? state.InFlight
                : state.InFlight.Concat(state.RetryDue.Keys).Concat(state.AwaitingAdmission.Keys).ToHashSet())
        {
            Skipped = state.Skipped,
            Expansions = state.Expansions,
            FailedItems = state.FailedItems,
        };

    /// <summary>The planner's view as one step reads its values: an instance of a <c>for_each</c> step reads its item.</summary>
    public static WorkflowProgress ProgressFor(this WorkflowState state, StepDefinition step) => state.Progress().For(step.Item);

    public static CompensationProgress CompensationProgress(this WorkflowState state) =>
        new(state.SkippedOptional.Count == 0 ? state.Outputs.Keys.ToHashSet() : state.Outputs.Keys.Except(state.SkippedOptional).ToHashSet(), state.InFlight, state.Compensated,
            state.CompensationInFlight.Concat(state.CompensationRetryDue.Keys).ToHashSet());

    /// <summary>The service a step's attempts go to now: the alternate it failed over to, else its own.</summary>
    public static string ServiceOf(this WorkflowState state, StepDefinition step) =>
        state.Routes.TryGetValue(step.Id, out var route) ? route.Service : step.Service;

    /// <summary>A step that failed over is undone where it ran: a refund goes to the provider that charged.</summary>
    public static string CompensationServiceOf(this WorkflowState state, StepDefinition step) =>
        step.Compensation!.Service == step.Service ? state.ServiceOf(step) : step.Compensation.Service;

    /// <summary>
    /// The key under which a node's circuits and balancers remember an answer. The revision tells a
    /// retried message (the same state, so the same revision at the same point) from a later message
    /// asking about the same attempt (a circuit wait ending re-dispatches it).
    /// </summary>
    public static string DecisionKey(this WorkflowState state, string stepId, int attempt, string what) =>
        $"{state.CorrelationId:N}@{state.Revision}/{stepId}#{attempt}/{what}";

    /// <summary>The key of one attempt of a step, whatever the revision: an instance counts it in flight from its dispatch to its result under it.</summary>
    public static string AttemptKey(this WorkflowState state, string stepId, int attempt) =>
        $"{state.CorrelationId:N}/{stepId}#{attempt}";
}
