namespace Sagas.Contracts.Commands;

/// <summary>Undo a completed step (the one <c>StepId</c> names): sent to the compensating service's queue, answered with <c>StepCompensated</c> or <c>StepCompensationFailed</c>.</summary>
public sealed record CompensateStep : StepCommand;
