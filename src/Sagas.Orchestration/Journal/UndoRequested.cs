namespace Sagas.Orchestration.Journal;

/// <summary>
/// The parent of this child run asked it to undo itself (<c>CompensateWorkflow</c>). A child that
/// completed starts undoing its steps; one that ended otherwise (<see cref="StatusThen"/>) has
/// nothing standing and answers at once.
/// </summary>
public sealed record UndoRequested
{
    public required Guid WorkflowId { get; init; }

    public required string Reason { get; init; }

    public required string StatusThen { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
}
