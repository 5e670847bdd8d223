using Sagas.Orchestration.Journal;

namespace Sagas.Orchestration.Workflows;

/// <summary>An attempt of a step waiting for a healthy instance of its service, since its first <c>StepQueued</c> for it.</summary>
public sealed record InstanceWait(int Attempt, DateTimeOffset Since);

/// <summary>How a wait for an instance is kept: from the attempt's first wait, whatever the rechecks after it.</summary>
public static class InstanceWaits
{
    public static void NoteInstanceWait(this WorkflowState state, StepQueued e)
    {
        if (e.NoHealthyInstance && !(state.InstanceWaits.TryGetValue(e.StepId, out var wait) && wait.Attempt == e.Attempt))
        {
            state.InstanceWaits[e.StepId] = new InstanceWait(e.Attempt, e.QueuedAt);
        }
    }
}
