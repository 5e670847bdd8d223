using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Definitions.Model;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// A signal for a run: given to the step waiting for it, whose output its data becomes; kept when
/// that step has not started waiting yet (or the run Failed and may be retried); otherwise
/// recorded as ignored with the reason (the run ended or is undoing). Each signal counts once, by its id.
/// </summary>
public sealed class SignalDecider(DecisionContext context, StepResultDecider steps)
{
    public void Receive(WorkflowState state, SignalWorkflow signal)
    {
        var kept = state.KeptSignals.GetValueOrDefault(signal.Name);
        var returning = kept?.SignalId == signal.SignalId;
        if (state.SignalIds.Contains(signal.SignalId) && !returning)
        {
            // Delivered again (a redelivery, a second send of the same signal): it counted the first time.
            return;
        }

        // A Failed run may still be retried by an operator, and its steps wait again: it keeps signals.
        if (!state.IsForward && state.Status != WorkflowStatus.Failed)
        {
            Ignore(state, signal, $"the workflow is {state.Status}; no step of it waits any more");
            return;
        }

        // Read without side effects: a signal never ends a run, even on a node without its definition.
        if (context.Catalog.ByHash(state.DefinitionHash) is not { } definition)
        {
            Ignore(state, signal, $"definition '{state.Definition}' v{state.DefinitionVersion} is not loaded on the node that took the signal");
            return;
        }

        if (state.IsForward && Waiting(state, definition, signal.Name) is { } step)
        {
            if (kept is not null && !returning)
            {
                Ignore(state, signal, $"a signal '{signal.Name}' ({kept.SignalId}) was kept for step '{step.Id}' first and is on its way to it");
                return;
            }

            Deliver(state, signal, step, returning);
            return;
        }

        if (returning)
        {
            // The kept signal came back after its step stopped waiting (its wait timed out): it stays
            // kept for the step's next wait.
            return;
        }

        if (definition.Steps.FirstOrDefault(s => s.WaitFor?.Signal == signal.Name && !state.Outputs.ContainsKey(s.Id) && !state.Skipped.Contains(s.Id)) is not { } later)
        {
            var waiters = definition.Steps.Where(s => s.WaitFor?.Signal == signal.Name).Select(s => $"'{s.Id}'").ToList();
            Ignore(state, signal, waiters.Count == 0
                ? $"no step of {definition} waits for a signal '{signal.Name}'"
                : $"{string.Join(", ", waiters)}, which waited for it, {(waiters.Count == 1 ? "is" : "are")} done");
        }
        else if (kept is not null)
        {
            Ignore(state, signal, $"a signal '{signal.Name}' ({kept.SignalId}) is already kept for step '{later.Id}'; the first one counts");
        }
        else
        {
            state.Record(new SignalKept
            {
                WorkflowId = state.CorrelationId,
                Signal = signal.Name,
                SignalId = signal.SignalId,
                Data = signal.Data,
                ForStep = later.Id,
                KeptAt = context.Now,
            });
        }
    }

    // The step whose current attempt waits for this signal now, if any.
    private static StepDefinition? Waiting(WorkflowState state, WorkflowDefinition definition, string name) =>
        definition.Steps.FirstOrDefault(s => s.WaitFor?.Signal == name && state.Attempts.TryGetValue(s.Id, out var attempt) && state.AwaitsAttempt(s.Id, attempt));

    private void Deliver(WorkflowState state, SignalWorkflow signal, StepDefinition step, bool wasKept)
    {
        var now = context.Now;
        var attempt = state.Attempts[step.Id];
        state.Record(new SignalReceived
        {
            WorkflowId = state.CorrelationId,
            StepId = step.Id,
            Attempt = attempt,
            Signal = signal.Name,
            SignalId = signal.SignalId,
            Data = signal.Data,
            WasKept = wasKept,
            ReceivedAt = now,
        });
        steps.Complete(state, new StepCompleted
        {
            WorkflowId = state.CorrelationId,
            StepId = step.Id,
            Attempt = attempt,
            Output = signal.Data?.DeepClone() ?? new JsonObject(),
            CompletedAt = now,
            Service = step.Service,
        });
    }

    private void Ignore(WorkflowState state, SignalWorkflow signal, string reason) =>
        state.Record(new SignalIgnored
        {
            WorkflowId = state.CorrelationId,
            Signal = signal.Name,
            SignalId = signal.SignalId,
            Data = signal.Data,
            Reason = reason,
            IgnoredAt = context.Now,
        });
}
