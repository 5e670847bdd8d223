using System.Text;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// A start: rejected (an unknown definition, an input too large or not of the definition's
/// shape) or started on the definition version it names (else the latest), dispatching its first steps.
/// </summary>
public sealed class StartDecider(DecisionContext context, ForwardFlow forward)
{
    public void Start(WorkflowState state, StartWorkflow command)
    {
        var catalog = context.Catalog;
        var definition = command.Version is { } version ? catalog.Find(command.Definition, version) : catalog.Latest(command.Definition);
        var reason = definition is null ? UnknownDefinition(command) : InvalidInput(definition, command);
        var now = context.Now;
        if (reason is not null)
        {
            state.Record(new WorkflowRejected
            {
                WorkflowId = command.WorkflowId,
                Definition = command.Definition,
                Reason = reason,
                RejectedAt = now,
            });
            return;
        }

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
            TraceParent = command.TraceParent,
            Parent = command.Parent,
            Searchable = definition.Input.Any(f => f.Searchable) ? [.. definition.Input.Where(f => f.Searchable).Select(f => f.Name)] : null,
        });
        forward.Advance(state, definition);
    }

    private string UnknownDefinition(StartWorkflow command)
    {
        if (string.IsNullOrWhiteSpace(command.Definition))
        {
            return "the start names no definition";
        }

        var known = context.Catalog.LatestVersions().Select(d => d.Id).ToList();
        var versionText = command.Version is { } version ? $" version {version}" : string.Empty;
        return $"no definition '{command.Definition}'{versionText} is loaded (known: {(known.Count == 0 ? "none" : string.Join(", ", known))})";
    }

    private string? InvalidInput(WorkflowDefinition definition, StartWorkflow command)
    {
        var input = command.Input ?? [];
        var limit = context.Options.MaxInputBytes;
        var bytes = Encoding.UTF8.GetByteCount(input.ToJsonString());
        if (bytes > limit)
        {
            return $"the input is {bytes:N0} bytes, over the limit of {limit:N0} (setting Sagas:Orchestration:MaxInputBytes)";
        }

        var problems = WorkflowInputValidator.Validate(definition, input);
        return problems.Count == 0 ? null : $"invalid input for '{definition.Id}' v{definition.Version}: {string.Join("; ", problems)}";
    }
}
