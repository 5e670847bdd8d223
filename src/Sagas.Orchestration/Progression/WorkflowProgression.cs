using System.Text;
using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Definitions.Loading;
using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Policies;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Progression;

/// <summary>
/// Decides what a message means for a workflow and records it as events on the state: no bus,
/// no database. The state machine turns the recorded events into effects (commands sent,
/// outcomes published); the repository appends them to the stream.
/// </summary>
public sealed partial class WorkflowProgression(
    DefinitionCatalog catalog, OrchestrationOptions options, TimeProvider clock, PolicyBook policies, CircuitBreakers breakers, EndpointBalancers balancers)
{
    /// <summary>The jitter draw for retry delays; tests replace it to make delays exact.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    public void Start(WorkflowState state, StartWorkflow command)
    {
        var definition = command.Version is { } version ? catalog.Find(command.Definition, version) : catalog.Latest(command.Definition);
        var reason = definition is null ? UnknownDefinition(command) : InvalidInput(definition, command);
        if (reason is not null)
        {
            state.Record(new WorkflowRejected
            {
                WorkflowId = command.WorkflowId,
                Definition = command.Definition,
                Reason = reason,
                RejectedAt = clock.GetUtcNow(),
            });
            return;
        }

        var now = clock.GetUtcNow();
        state.Record(new WorkflowStarted
        {
            WorkflowId = command.WorkflowId,
            Definition = definition!.Id,
            Version = definition.Version,
            DefinitionHash = definition.Source.ContentHash,
            // The state takes its own copy when it applies the event.
            Input = command.Input ?? [],
            StartedAt = now,
            DeadlineAt = now + definition.Deadline,
        });
        Advance(state, definition);
    }

    public void Complete(WorkflowState state, StepCompleted result)
    {
        if (!IsCurrent(state, result.StepId, result.Attempt) || DefinitionOf(state) is not { } definition)
        {
            return;
        }

        state.Record(result);
        ObserveOutcome(state, result.StepId, result.Attempt, failed: false);
        Continue(state, definition);
    }

    public void Fail(WorkflowState state, StepFailed failure) => Fail(state, failure, failure.Retryable);

    // A failure the service meant as final says nothing of its health; a fault does.
    private void Fail(WorkflowState state, StepFailed failure, bool countsAgainstService)
    {
        if (!IsCurrent(state, failure.StepId, failure.Attempt))
        {
            return;
        }

        state.Record(failure);
        ObserveOutcome(state, failure.StepId, failure.Attempt, countsAgainstService ? true : null);
        AfterFailedAttempt(state, failure.StepId, failure.Attempt, failure.Reason, failure.Retryable);
    }

    /// <summary>A step's command faulted in the worker past its retries and sits in an error queue.</summary>
    public void Fault(WorkflowState state, ExecuteStep command, string reason) =>
        Fail(state, new StepFailed
        {
            WorkflowId = command.WorkflowId,
            StepId = command.StepId,
            Attempt = command.Attempt,
            Reason = $"the {command.Service} service faulted on the command ({reason}); it is in the '{command.Service}_error' queue",
            Retryable = false,
            FailedAt = clock.GetUtcNow(),
        }, countsAgainstService: true);

    // Late (terminal workflow), duplicate (step already finished) and stale (older attempt)
    // results change nothing.
    private static bool IsCurrent(WorkflowState state, string stepId, int attempt) =>
        !state.IsTerminal
        && state.InFlight.Contains(stepId)
        && state.Attempts.TryGetValue(stepId, out var current)
        && current == attempt;

    private WorkflowDefinition? DefinitionOf(WorkflowState state)
    {
        if (catalog.ByHash(state.DefinitionHash) is { } definition)
        {
            return definition;
        }

        FailWorkflow(state, null,
            $"definition '{state.Definition}' v{state.DefinitionVersion} (hash {state.DefinitionHash[..Math.Min(12, state.DefinitionHash.Length)]}) is not loaded on this node; restore that version of the file");
        return null;
    }

    // After a result: a running workflow plans its next steps, a compensating one its next undo.
    private void Continue(WorkflowState state, WorkflowDefinition definition)
    {
        if (state.Status == WorkflowStatus.Running)
        {
            Advance(state, definition);
        }
        else if (state.Status == WorkflowStatus.Compensating)
        {
            AdvanceCompensation(state, definition);
        }
    }

    private void Advance(WorkflowState state, WorkflowDefinition definition)
    {
        var progress = ProgressOf(state);
        if (ReadyStepPlanner.IsComplete(definition, progress))
        {
            var output = ValueResolver.Resolve(definition.Output, progress);
            if (!output.Succeeded)
            {
                EndUnsuccessfully(state, definition, null, $"the workflow output could not be resolved: {output.Error}");
                return;
            }

            state.Record(new WorkflowCompleted
            {
                WorkflowId = state.CorrelationId,
                Definition = state.Definition,
                Version = state.DefinitionVersion,
                Output = output.Value,
                CompletedAt = clock.GetUtcNow(),
            });
            return;
        }

        // Resolve every ready step before dispatching any, so a workflow that fails here sends nothing.
        var ready = ReadyStepPlanner.Plan(definition, progress);
        if (ready.FirstOrDefault(p => !p.Input.Succeeded) is { } unresolvable)
        {
            Block(state, definition, unresolvable.Step, unresolvable.Input.Error!);
            return;
        }

        foreach (var planned in ready)
        {
            if (state.Status != WorkflowStatus.Running)
            {
                // A step before this one failed fast on an open circuit: the run is ending.
                return;
            }

            Dispatch(state, definition, planned.Step, planned.Input.Value!, state.Attempts.GetValueOrDefault(planned.Step.Id) + 1);
        }
    }

    // A step waiting out a retry delay, an open circuit or a slot counts as in flight: it is not
    // ready to dispatch afresh.
    private static WorkflowProgress ProgressOf(WorkflowState state) =>
        new(state.CorrelationId.ToString(), state.Input, state.Outputs,
            state.RetryDue.Count == 0 && state.AwaitingAdmission.Count == 0
                ? state.InFlight
                : state.InFlight.Concat(state.RetryDue.Keys).Concat(state.AwaitingAdmission.Keys).ToHashSet());

    private void FailWorkflow(WorkflowState state, string? stepId, string reason) =>
        state.Record(new WorkflowFailed
        {
            WorkflowId = state.CorrelationId,
            Definition = state.Definition,
            StepId = stepId,
            Reason = reason,
            FailedAt = clock.GetUtcNow(),
        });

    private string UnknownDefinition(StartWorkflow command)
    {
        if (string.IsNullOrWhiteSpace(command.Definition))
        {
            return "the start names no definition";
        }

        var known = catalog.LatestVersions().Select(d => d.Id).ToList();
        var versionText = command.Version is { } version ? $" version {version}" : string.Empty;
        return $"no definition '{command.Definition}'{versionText} is loaded (known: {(known.Count == 0 ? "none" : string.Join(", ", known))})";
    }

    private string? InvalidInput(WorkflowDefinition definition, StartWorkflow command)
    {
        var input = command.Input ?? [];
        var bytes = Encoding.UTF8.GetByteCount(input.ToJsonString());
        if (bytes > options.MaxInputBytes)
        {
            return $"the input is {bytes:N0} bytes, over the limit of {options.MaxInputBytes:N0} (setting Sagas:Orchestration:MaxInputBytes)";
        }

        var problems = WorkflowInputValidator.Validate(definition, input);
        return problems.Count == 0 ? null : $"invalid input for '{definition.Id}' v{definition.Version}: {string.Join("; ", problems)}";
    }
}
