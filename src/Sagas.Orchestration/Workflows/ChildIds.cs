using System.Security.Cryptography;
using System.Text;

namespace Sagas.Orchestration.Workflows;

/// <summary>
/// The id of the child run a step's attempt starts: derived from the parent, the step, the attempt
/// and the step's run, so a redelivered dispatch starts no second child (the start is a duplicate)
/// and a retry starts a fresh one.
/// </summary>
public static class ChildIds
{
    public static Guid Of(Guid parent, string stepId, int attempt, int run)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{parent:N}/{stepId}#{attempt}@{run}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    /// <summary>The child of this run's step attempt, in the step's current run.</summary>
    public static Guid Of(WorkflowState state, string stepId, int attempt) =>
        Of(state.CorrelationId, stepId, attempt, state.StepRuns.GetValueOrDefault(stepId, 1));
}
