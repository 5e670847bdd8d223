using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Nodes;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Planning;

/// <summary>
/// Computes a mapping's values from a workflow's input and its completed steps' outputs.
/// Every value is a fresh copy, so a step's input never aliases the state it came from.
/// </summary>
public static class ValueResolver
{
    public static Resolution Resolve(ValueMapping mapping, WorkflowProgress progress)
    {
        try
        {
            var result = new JsonObject();
            foreach (var field in mapping.Fields)
            {
                result[field.Name] = Evaluate(field.Value, progress);
            }

            return Resolution.Of(result);
        }
        catch (UnresolvableReferenceException e)
        {
            return Resolution.Failed(e.Message);
        }
    }

    /// <summary>
    /// The fields of a mapping that can be resolved now, leaving out those that cannot (a step's
    /// output that never came): what an undo by key is told besides the key.
    /// </summary>
    public static JsonObject ResolveAvailable(ValueMapping mapping, WorkflowProgress progress)
    {
        var result = new JsonObject();
        foreach (var field in mapping.Fields)
        {
            try
            {
                result[field.Name] = Evaluate(field.Value, progress);
            }
            catch (UnresolvableReferenceException)
            {
                // Left out: the service finds the effect by its key.
            }
        }

        return result;
    }

    private static JsonNode? Evaluate(ValueExpression expression, WorkflowProgress progress) => expression switch
    {
        LiteralExpression literal => literal.Value?.DeepClone(),
        ReferenceExpression reference => Read(reference.Reference, progress)?.DeepClone(),
        ObjectExpression obj => new JsonObject(obj.Fields.Select(f => KeyValuePair.Create(f.Name, Evaluate(f.Value, progress)))),
        ArrayExpression array => new JsonArray([.. array.Items.Select(i => Evaluate(i, progress))]),
        _ => throw new InvalidOperationException($"Unknown expression {expression.GetType().Name}"),
    };

    /// <summary>What a reference reads now (not a copy), or why it cannot be read: how mappings and expressions read values alike.</summary>
    public static bool TryRead(ValueReference reference, WorkflowProgress progress, out JsonNode? value, [NotNullWhen(false)] out string? error)
    {
        try
        {
            value = Read(reference, progress);
            error = null;
            return true;
        }
        catch (UnresolvableReferenceException e)
        {
            value = null;
            error = e.Message;
            return false;
        }
    }

    private static JsonNode? Read(ValueReference reference, WorkflowProgress progress)
    {
        switch (reference.Source)
        {
            case ReferenceSource.WorkflowId:
                return JsonValue.Create(progress.WorkflowId);
            case ReferenceSource.Input when reference.Path is [var field] && !progress.Input.ContainsKey(field):
                // An optional input field that was left out reads as null; the start was validated
                // against the required ones. Reading into it (a deeper path) still fails.
                return null;
            case ReferenceSource.Input:
                return Walk(progress.Input, reference, "the workflow input");
            case ReferenceSource.Item or ReferenceSource.ItemIndex when progress.Item is null:
                throw new UnresolvableReferenceException($"'{reference.Text}' is read only by the instances of a for_each step");
            case ReferenceSource.Item:
                return Walk(progress.Item!.Value, reference, $"item {progress.Item.Index}");
            case ReferenceSource.ItemIndex:
                return JsonValue.Create(progress.Item!.Index);
            default:
                if (!progress.CompletedOutputs.TryGetValue(OutputIdOf(reference, progress), out var output))
                {
                    throw new UnresolvableReferenceException($"'{reference.Text}': step '{reference.StepId}' has not completed");
                }

                return Walk(output, reference, $"the output of step '{reference.StepId}'");
        }
    }

    /// <summary>
    /// Whose output a step reference reads: an instance of a <c>for_each</c> step reading its own
    /// step's output (its compensation does) reads its item's.
    /// </summary>
    internal static string OutputIdOf(ValueReference reference, WorkflowProgress progress) =>
        progress.Item is { } item && reference.StepId == item.Parent ? StepItem.IdOf(item.Parent, item.Index) : reference.StepId!;

    private static JsonNode? Walk(JsonNode? node, ValueReference reference, string origin) =>
        TryWalk(node, reference.Path, out var found, out var missing)
            ? found
            : throw new UnresolvableReferenceException($"'{reference.Text}': {origin} has no '{missing}'");

    /// <summary>Follows a path's segments (a field of an object, an index of a list); false names the first segment not there.</summary>
    internal static bool TryWalk(JsonNode? node, IReadOnlyList<string> path, out JsonNode? found, [NotNullWhen(false)] out string? missing)
    {
        foreach (var segment in path)
        {
            if (node is JsonObject obj && obj.TryGetPropertyValue(segment, out var child))
            {
                node = child;
            }
            else if (node is JsonArray array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count)
            {
                node = array[index];
            }
            else
            {
                (found, missing) = (null, segment);
                return false;
            }
        }

        (found, missing) = (node, null);
        return true;
    }

    private sealed class UnresolvableReferenceException(string message) : Exception(message);
}
