using System.Text.Json;
using Sagas.Orchestration.Workflows;

namespace Sagas.IntegrationTests.Engine;

/// <summary>A workflow state as comparable JSON (the machine's own bookkeeping left out).</summary>
internal static class StateSnapshot
{
    public static string Of(WorkflowState state) => JsonSerializer.Serialize(new
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
        StartedAt = state.StartedAt.ToUnixTimeMilliseconds(),
        EndedAt = state.EndedAt?.ToUnixTimeMilliseconds(),
    });
}
