namespace Sagas.Orchestration.Journal;

/// <summary>
/// A ready step's input could not be resolved from the workflow's input and upstream outputs: it
/// is not dispatched, and the workflow needs an operator (whose retry resolves it afresh) or
/// fails, as the <c>dependency_resolution</c> policy says.
/// </summary>
public sealed record StepBlocked
{
    public const string NeedsAttention = "needs_attention";

    public const string Fail = "fail";

    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    /// <summary>The reference that could not be resolved, as the resolver explained it.</summary>
    public required string MissingReference { get; init; }

    /// <summary>What the policy made of it: <c>needs_attention</c> or <c>fail</c>.</summary>
    public required string Policy { get; init; }

    public required DateTimeOffset BlockedAt { get; init; }
}
