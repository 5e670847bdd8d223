using System.Text.Json;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests;

/// <summary>Folds recorded events over a new instance and compares it with a live one.</summary>
internal static class StateReplay
{
    public static WorkflowState Rebuild(IEnumerable<object> events)
    {
        var state = new WorkflowState();
        foreach (var @event in events)
        {
            state.Apply(@event);
        }

        return state;
    }

    public static void AssertSame(WorkflowState live, WorkflowState rebuilt)
    {
        Assert.Equal(live.CurrentState, live.Status.ToString());
        Assert.Equal(Snapshot(live), Snapshot(rebuilt));
    }

    // Everything but the machine's own bookkeeping, as JSON, so a difference shows where it is.
    private static string Snapshot(WorkflowState state) => JsonSerializer.Serialize(new
    {
        state.CorrelationId,
        state.Status,
        state.Definition,
        state.DefinitionVersion,
        state.DefinitionHash,
        Input = state.Input.ToJsonString(),
        Outputs = state.Outputs.OrderBy(o => o.Key).Select(o => $"{o.Key}={o.Value?.ToJsonString()}"),
        Attempts = state.Attempts.OrderBy(a => a.Key),
        InFlight = state.InFlight.Order(),
        Output = state.Output?.ToJsonString(),
        state.FailedStep,
        state.FailureReason,
        state.StartedAt,
        state.EndedAt,
    });
}
