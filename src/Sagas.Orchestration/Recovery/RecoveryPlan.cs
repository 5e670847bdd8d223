namespace Sagas.Orchestration.Recovery;

/// <summary>
/// How to move a workflow that nothing else will: retries whose timers are gone fired now,
/// attempts whose timeouts are gone timed out now, and, when nothing at all is outstanding, its
/// next steps (or undos) planned again from its state.
/// </summary>
public sealed record RecoveryPlan(IReadOnlyList<StepAttempt> RetryNow, IReadOnlyList<StepAttempt> TimeOutNow, bool Replan)
{
    public IReadOnlyList<string> Actions =>
    [
        .. RetryNow.Select(s => $"retry {s} now: its timer is gone"),
        .. TimeOutNow.Select(s => $"time out {s} now: its timeout's timer is gone"),
        .. Replan ? ["plan the next steps again: nothing was outstanding"] : Array.Empty<string>(),
    ];
}

/// <summary>One attempt at a step, or at its compensation.</summary>
public sealed record StepAttempt(string StepId, int Attempt, bool Compensation)
{
    public override string ToString() => Compensation ? $"the compensation of '{StepId}' #{Attempt}" : $"'{StepId}' #{Attempt}";
}
