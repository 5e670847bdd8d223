using System.Globalization;
using Sagas.Definitions.Model;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Building;

/// <summary>
/// Reads the source tree of one file into a <see cref="WorkflowDraft"/>, reporting every
/// shape error (unknown or missing keys, wrong types, bad names) and carrying on past each.
/// </summary>
internal sealed class DraftReader(ErrorSink errors, DefinitionLimits limits)
{
    internal static readonly string[] WorkflowKeys = ["id", "version", "description", "input", "steps", "output", "deadline"];
    internal static readonly string[] StepKeys = ["id", "service", "description", "depends_on", "input", "timeout", "retry", "compensate", "alternates", "when", "join", "switch", "wait_for", "for_each", "max_parallel", "on_item_failure", "workflow", "optional"];
    internal static readonly string[] CompensationKeys = ["service", "input"];

    private readonly InputFieldReader _inputFields = new(errors);

    public WorkflowDraft? Read(SourceNode root)
    {
        if (root is not SourceMapping mapping)
        {
            errors.Add(root.Position, null, ErrorCodes.WrongType, $"a workflow definition must be a mapping with id, version and steps, not {root.KindName}");
            return null;
        }

        var keys = new KeyedEntries(mapping, WorkflowKeys, null, errors);
        var id = RequiredName(keys["id"], mapping.Position, "id", null, NamePatterns.WorkflowId().IsMatch, "letters, digits, '.', '_' and '-'");
        return new WorkflowDraft(
            id,
            Version(keys["version"], mapping.Position),
            OptionalString(keys["description"], null, "description"),
            InputFields(keys["input"]),
            Steps(keys["steps"], mapping.Position, id),
            ValueMappingBuilder.Build(keys["output"], null, "output", errors),
            DurationReader.Read(keys["deadline"], "deadline", null, errors));
    }

    private int? Version(SourceNode? node, SourcePosition parent)
    {
        if (node is null)
        {
            errors.Add(parent, null, ErrorCodes.MissingKey, "missing 'version' (a whole number from 1)");
            return null;
        }

        if (node is SourceScalar { Kind: ScalarKind.Number } scalar
            && int.TryParse(scalar.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            && version >= 1)
        {
            return version;
        }

        errors.Add(node.Position, null, ErrorCodes.InvalidVersion, $"'version' must be a whole number from 1, not {Describe(node)}");
        return null;
    }

    private List<InputField> InputFields(SourceNode? node)
    {
        var fields = new List<InputField>();
        if (node is null or SourceScalar { Kind: ScalarKind.Null })
        {
            return fields;
        }

        if (node is not SourceMapping mapping)
        {
            errors.Add(node.Position, null, ErrorCodes.WrongType, $"'input' must map field names to JSON types, not {node.KindName}");
            return fields;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            var name = entry.Key.Text;
            if (!seen.Add(name))
            {
                errors.Add(entry.Key.Position, null, ErrorCodes.DuplicateKey, $"input field '{name}' is declared twice");
                continue;
            }

            if (!NamePatterns.InputField().IsMatch(name))
            {
                errors.Add(entry.Key.Position, null, ErrorCodes.InvalidName, $"input field name '{name}' may hold only letters, digits, '_' and '-'");
                continue;
            }

            if (_inputFields.Read(name, entry.Value) is { } field)
            {
                fields.Add(field);
            }
        }

        return fields;
    }

    private List<StepDraft> Steps(SourceNode? node, SourcePosition parent, string? workflowId)
    {
        if (node is null or SourceScalar { Kind: ScalarKind.Null })
        {
            errors.Add(node?.Position ?? parent, null, ErrorCodes.EmptyWorkflow, "the workflow has no steps; add a 'steps' list with at least one step");
            return [];
        }

        if (node is not SourceSequence sequence)
        {
            errors.Add(node.Position, null, ErrorCodes.WrongType, $"'steps' must be a list of steps, not {node.KindName}");
            return [];
        }

        if (sequence.Items.Count == 0)
        {
            errors.Add(sequence.Position, null, ErrorCodes.EmptyWorkflow, "the workflow has no steps; add at least one step to 'steps'");
        }

        if (sequence.Items.Count > limits.MaxSteps)
        {
            errors.Add(sequence.Position, null, ErrorCodes.TooManySteps, $"the workflow has {sequence.Items.Count} steps, over the limit of {limits.MaxSteps}");
            return [];
        }

        return [.. sequence.Items.Select(item => Step(item, workflowId)).OfType<StepDraft>()];
    }

    private StepDraft? Step(SourceNode node, string? workflowId)
    {
        if (node is not SourceMapping mapping)
        {
            errors.Add(node.Position, null, ErrorCodes.WrongType, $"a step must be a mapping with id and service, not {node.KindName}");
            return null;
        }

        // The id is read first so every later error of this step can name it.
        var idNode = mapping.Entries.FirstOrDefault(e => e.Key.Text == "id")?.Value;
        var id = StepId(idNode, mapping.Position);
        var keys = new KeyedEntries(mapping, StepKeys, id, errors);
        var cases = new SwitchReader(errors, this).Read(keys.Entry("switch"), id);
        // A key written with no value (switch: ~) is as good as absent: the step then needs its service.
        var hasSwitch = keys["switch"] is not (null or SourceScalar { Kind: ScalarKind.Null });
        var wait = WaitReader.Read(keys.Entry("wait_for"), keys, id, errors);
        var waits = keys["wait_for"] is not (null or SourceScalar { Kind: ScalarKind.Null });
        var startsChild = keys["workflow"] is not (null or SourceScalar { Kind: ScalarKind.Null });
        var service = hasSwitch || waits || startsChild ? null : ServiceName(keys["service"], mapping.Position, "service", id);
        if (hasSwitch && !waits && !startsChild && keys.Entry("service") is { } both)
        {
            errors.Add(both.Key.Position, id, ErrorCodes.SwitchWithService,
                $"a step with a switch calls the services its cases name; move 'service: {DraftReader.Describe(both.Value).Trim('\'')}' into 'switch.default'");
        }

        OptionalString(keys["description"], id, "description");
        return new StepDraft(
            id,
            service,
            Dependencies(keys["depends_on"], id),
            ValueMappingBuilder.Build(keys["input"], id, "input", errors),
            DurationReader.Read(keys["timeout"], "timeout", id, errors),
            RetryReader.Read(keys.Entry("retry"), id, errors),
            AlternatesReader.Read(keys["alternates"], "alternates", service, id, errors),
            Compensation(keys.Entry("compensate"), id),
            ConditionReader.When(keys["when"], id, errors),
            ConditionReader.Join(keys["join"], id, errors),
            cases,
            wait,
            ForEachReader.Read(keys, id, errors),
            ChildReader.Read(keys, workflowId, id, errors),
            ScalarReader.Flag(keys["optional"], "optional", id, ErrorCodes.WrongType, errors) ?? false,
            mapping.Position);
    }

    internal CompensationDraft? Compensation(SourceEntry? entry, string? stepId)
    {
        if (entry?.Value is null or SourceScalar { Kind: ScalarKind.Null })
        {
            return null;
        }

        if (entry.Value is not SourceMapping mapping)
        {
            errors.Add(entry.Value.Position, stepId, ErrorCodes.WrongType, $"'compensate' must be a mapping with service and input, not {entry.Value.KindName}");
            return null;
        }

        var keys = new KeyedEntries(mapping, CompensationKeys, stepId, errors);
        return new CompensationDraft(
            ServiceName(keys["service"], entry.Key.Position, "compensate.service", stepId),
            ValueMappingBuilder.Build(keys["input"], stepId, "compensate.input", errors),
            entry.Key.Position);
    }

    private string? StepId(SourceNode? node, SourcePosition stepPosition)
    {
        if (node is null)
        {
            errors.Add(stepPosition, null, ErrorCodes.MissingStepId, "a step has no 'id'");
            return null;
        }

        return RequiredName(node, stepPosition, "id", null, NamePatterns.StepId().IsMatch, "letters, digits, '_' and '-'");
    }

    private List<DependencyDraft> Dependencies(SourceNode? node, string? stepId)
    {
        switch (node)
        {
            case null:
            case SourceScalar { Kind: ScalarKind.Null }:
                return [];
            case SourceScalar { Kind: ScalarKind.String } single:
                return [new DependencyDraft(single.Text, single.Position)];
            case SourceSequence sequence:
                var dependencies = new List<DependencyDraft>();
                foreach (var item in sequence.Items)
                {
                    if (item is SourceScalar { Kind: ScalarKind.String } name)
                    {
                        dependencies.Add(new DependencyDraft(name.Text, name.Position));
                    }
                    else
                    {
                        errors.Add(item.Position, stepId, ErrorCodes.WrongType, $"each entry of 'depends_on' must be a step id, not {item.KindName}");
                    }
                }

                return dependencies;
            default:
                errors.Add(node.Position, stepId, ErrorCodes.WrongType, $"'depends_on' must be a list of step ids, not {node.KindName}");
                return [];
        }
    }

    // Services become queue names, whether a step calls them or its compensation does.
    internal string? ServiceName(SourceNode? node, SourcePosition parent, string key, string? stepId) =>
        RequiredName(node, parent, key, stepId, NamePatterns.Service().IsMatch, "lower-case letters, digits, '.', '_' and '-'", ErrorCodes.MissingService);

    internal string? RequiredName(
        SourceNode? node,
        SourcePosition parent,
        string key,
        string? stepId,
        Func<string, bool> isValid,
        string allowed,
        string missingCode = ErrorCodes.MissingKey)
    {
        if (node is null or SourceScalar { Kind: ScalarKind.Null })
        {
            errors.Add(node?.Position ?? parent, stepId, missingCode, $"missing '{key}'");
            return null;
        }

        if (node is not SourceScalar { Kind: ScalarKind.String } scalar)
        {
            errors.Add(node.Position, stepId, ErrorCodes.WrongType, $"'{key}' must be a string, not {node.KindName}");
            return null;
        }

        if (!isValid(scalar.Text))
        {
            errors.Add(node.Position, stepId, ErrorCodes.InvalidName, $"'{key}' '{scalar.Text}' may hold only {allowed} (at most 100), starting with a letter or digit");
            return null;
        }

        return scalar.Text;
    }

    private string? OptionalString(SourceNode? node, string? stepId, string key)
    {
        if (node is null or SourceScalar { Kind: ScalarKind.Null })
        {
            return null;
        }

        if (node is SourceScalar scalar && scalar.Kind == ScalarKind.String)
        {
            return scalar.Text;
        }

        errors.Add(node.Position, stepId, ErrorCodes.WrongType, $"'{key}' must be a string, not {node.KindName}");
        return null;
    }

    /// <summary>A scalar quoted as written, anything else by its kind: for "must be X, not Y" messages.</summary>
    internal static string Describe(SourceNode node) => node is SourceScalar scalar ? $"'{scalar.Text}'" : node.KindName;
}
