using Sagas.Definitions.Model;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Building;

/// <summary>
/// Reads a step's <c>workflow:</c>, the definition it starts a child run of. Such a step calls no
/// service and undoes nothing itself (a child undoes its own steps), so it names none of those
/// keys. That the definition exists is checked with the whole set (<see cref="Loading.DefinitionSet"/>).
/// </summary>
internal static class ChildReader
{
    private static readonly string[] Conflicting = ["service", "switch", "wait_for", "for_each", "alternates", "compensate", "optional"];

    public static StepChild? Read(KeyedEntries step, string? workflowId, string? stepId, ErrorSink errors)
    {
        if (step["workflow"] is not { } node || node is SourceScalar { Kind: ScalarKind.Null })
        {
            return null;
        }

        foreach (var key in Conflicting.Where(k => step.Entry(k) is not null))
        {
            errors.Add(step.Entry(key)!.Key.Position, stepId, ErrorCodes.ChildConflict, key == "compensate"
                ? "a step that starts a child workflow undoes nothing itself: the child undoes its own steps"
                : $"a step that starts a child workflow calls no service; remove '{key}' (or the 'workflow')");
        }

        if (node is not SourceScalar { Kind: ScalarKind.String } name || !NamePatterns.WorkflowId().IsMatch(name.Text))
        {
            errors.Add(node.Position, stepId, ErrorCodes.InvalidName, $"'workflow' must name a definition (letters, digits, '.', '_' and '-'), not {DraftReader.Describe(node)}");
            return null;
        }

        if (name.Text == workflowId)
        {
            errors.Add(node.Position, stepId, ErrorCodes.Cycle, $"the step starts '{name.Text}', the workflow it is in: a run would start itself without end");
            return null;
        }

        return new StepChild(name.Text, node.Position.Line);
    }
}
