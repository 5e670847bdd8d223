using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Sagas.Definitions.Expressions;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Planning;

/// <summary>A workflow's values as expressions read them: the same reads as mappings (<see cref="ValueResolver"/>).</summary>
public sealed class ProgressValues(WorkflowProgress progress) : IValueSource
{
    public bool TryRead(ValueReference reference, out JsonNode? value, [NotNullWhen(false)] out string? error) =>
        ValueResolver.TryRead(reference, progress, out value, out error);

    // Not a read: an optional input field left out reads as null, but it is not there.
    public bool Exists(ValueReference reference)
    {
        JsonNode? node;
        switch (reference.Source)
        {
            case ReferenceSource.WorkflowId:
                return true;
            case ReferenceSource.Input:
                node = progress.Input;
                break;
            case ReferenceSource.Item:
                if (progress.Item is null)
                {
                    return false;
                }

                node = progress.Item.Value;
                break;
            case ReferenceSource.ItemIndex:
                return progress.Item is not null;
            default:
                if (!progress.CompletedOutputs.TryGetValue(ValueResolver.OutputIdOf(reference, progress), out node))
                {
                    return false;
                }

                break;
        }

        return ValueResolver.TryWalk(node, reference.Path, out _, out _);
    }
}
