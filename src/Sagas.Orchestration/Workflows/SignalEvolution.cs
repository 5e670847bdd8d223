using Sagas.Orchestration.Journal;

namespace Sagas.Orchestration.Workflows;

/// <summary>What signals do to a run: each counted once by its id, an early one kept by name until its step waits.</summary>
public static class SignalEvolution
{
    public static void Apply(SignalKept e, WorkflowState state)
    {
        state.SignalIds.Add(e.SignalId);
        state.KeptSignals[e.Signal] = new KeptSignal(e.SignalId, e.Data);
    }

    public static void Apply(SignalReceived e, WorkflowState state)
    {
        state.SignalIds.Add(e.SignalId);
        state.KeptSignals.Remove(e.Signal);
    }

    public static void Apply(SignalIgnored e, WorkflowState state) => state.SignalIds.Add(e.SignalId);
}
