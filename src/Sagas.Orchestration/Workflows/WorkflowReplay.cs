using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sagas.Orchestration.Workflows;

/// <summary>
/// The promise of event sourcing, checkable: folding a workflow's stream over a new instance
/// gives the same state the saga holds. Used by the tests and by <c>sagas doctor --replay</c>.
/// </summary>
public static class WorkflowReplay
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

    /// <summary>
    /// Everything an instance knows, as canonical JSON (ordered, timestamps to the millisecond as
    /// PostgreSQL keeps them), leaving out only the state machine's own bookkeeping (its state name, timer tokens).
    /// </summary>
    public static string Fingerprint(WorkflowState state) => JsonSerializer.Serialize(new
    {
        state.CorrelationId,
        Status = state.Status.ToString(),
        state.Definition,
        state.DefinitionVersion,
        state.DefinitionHash,
        Input = state.Input.ToJsonString(),
        Outputs = state.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value?.ToJsonString()}"),
        Attempts = state.Attempts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"),
        InFlight = state.InFlight.Order(StringComparer.Ordinal),
        RetryDue = state.RetryDue.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}"),
        Compensated = state.Compensated.Order(StringComparer.Ordinal),
        CompensationAttempts = state.CompensationAttempts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"),
        CompensationInFlight = state.CompensationInFlight.Order(StringComparer.Ordinal),
        CompensationRetryDue = state.CompensationRetryDue.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}"),
        Routes = state.Routes.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value.Service}@{r.Value.Endpoint}#{r.Value.FirstAttempt}"),
        AwaitingAdmission = state.AwaitingAdmission.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}"),
        Tickets = state.Tickets.Order(StringComparer.Ordinal),
        state.BlockedStep,
        StepRuns = state.StepRuns.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}"),
        PolicyViolations = state.PolicyViolations.Order(StringComparer.Ordinal),
        AbandonedEffects = state.AbandonedEffects.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => $"{e.Key}=#{e.Value.Attempt} undo#{e.Value.UndoAttempt} {e.Value.UndoInFlight}/{e.Value.UndoRetryDue}/{e.Value.Undone}/{e.Value.Left}"),
        state.CancelRequested,
        state.AttentionStep,
        state.AttentionReason,
        Output = state.Output?.ToJsonString(),
        state.FailedStep,
        state.FailureReason,
        StartedAt = state.StartedAt.ToUnixTimeMilliseconds(),
        DeadlineAt = state.DeadlineAt?.ToUnixTimeMilliseconds(),
        EndedAt = state.EndedAt?.ToUnixTimeMilliseconds(),

        // Not Revision: it is the sweeper's bookkeeping, and a document written before it existed holds 0.
    });

    /// <summary>
    /// The parts of the <see cref="Fingerprint"/> (by name, e.g. <c>Status</c>, <c>Outputs</c>) in
    /// which the state the saga holds differs from its stream's rebuild; empty when the stream
    /// replays to exactly that state. A stream that cannot be folded at all is a difference too.
    /// </summary>
    public static IReadOnlyList<string> Differences(WorkflowState held, IEnumerable<object> events)
    {
        WorkflowState rebuilt;
        try
        {
            rebuilt = Rebuild(events);
        }
        catch (InvalidOperationException e)
        {
            return [$"the stream cannot be replayed: {e.Message}"];
        }

        var expected = JsonNode.Parse(Fingerprint(held))!.AsObject();
        var actual = JsonNode.Parse(Fingerprint(rebuilt))!.AsObject();
        return [.. expected.Where(part => !JsonNode.DeepEquals(part.Value, actual[part.Key])).Select(part => part.Key)];
    }
}
