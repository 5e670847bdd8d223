namespace Sagas.Orchestration.Workflows;

/// <summary>
/// The keys services record side effects under: one per step of a workflow, the same for every
/// attempt (retries, redeliveries, failover), and a new one only when an operator runs a step
/// that had completed again (its run number).
/// </summary>
public static class IdempotencyKeys
{
    public static string ForStep(Guid workflowId, string stepId, int run) =>
        run <= 1 ? $"{workflowId:N}/{stepId}" : $"{workflowId:N}/{stepId}/run-{run}";

    public static string ForCompensation(Guid workflowId, string stepId, int run) => $"{ForStep(workflowId, stepId, run)}/undo";

    /// <summary>
    /// The undo of an abandoned attempt's effect: one per effect (key and service), apart from the
    /// undo of the step's kept result, so a compensating service that serves several is not told twice is once.
    /// </summary>
    public static string ForAbandonedUndo(string effectKey, string service) => $"{effectKey}/undo@{service}";
}
