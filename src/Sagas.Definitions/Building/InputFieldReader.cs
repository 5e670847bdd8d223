using Sagas.Definitions.Model;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Building;

/// <summary>Reads one field of a definition's <c>input</c>: its type, whether it is required, and whether runs can be searched by it.</summary>
internal sealed class InputFieldReader(ErrorSink errors)
{
    internal static readonly string[] Keys = ["type", "required", "searchable", "description"];

    // A field is either "name: type" (required) or "name: { type: T, required: false, searchable: true }".
    public InputField? Read(string name, SourceNode node)
    {
        var typeNode = node;
        var required = true;
        var searchable = false;
        SourceNode? searchableNode = null;
        if (node is SourceMapping details)
        {
            var keys = new KeyedEntries(details, Keys, null, errors);
            typeNode = keys["type"] ?? new SourceScalar(details.Position, "any", ScalarKind.String);
            required = FlagOf(keys["required"], "required", name) ?? true;
            searchableNode = keys["searchable"];
            searchable = FlagOf(searchableNode, "searchable", name) ?? false;
        }

        if (typeNode is SourceScalar { Kind: ScalarKind.String } typeName
            && Enum.TryParse<JsonType>(typeName.Text, ignoreCase: true, out var type)
            && typeName.Text.All(char.IsLower))
        {
            if (searchable && !InputField.SearchableTypes.Contains(type))
            {
                errors.Add(searchableNode!.Position, null, ErrorCodes.WrongType,
                    $"input field '{name}' is searchable but of type {typeName.Text}; only a string, number, integer or boolean field can be searched for");
                return null;
            }

            return new InputField(name, type, required, searchable);
        }

        var known = string.Join(", ", Enum.GetNames<JsonType>().Select(n => n.ToLowerInvariant()));
        errors.Add(typeNode.Position, null, ErrorCodes.InvalidInputType, $"input field '{name}' has type {DraftReader.Describe(typeNode)}; use one of: {known}");
        return null;
    }

    private bool? FlagOf(SourceNode? node, string key, string field)
    {
        switch (node)
        {
            case null:
                return null;
            case SourceScalar { Kind: ScalarKind.Boolean } flag:
                return flag.Text is "true" or "True" or "TRUE";
            default:
                errors.Add(node.Position, null, ErrorCodes.WrongType, $"'{key}' of input field '{field}' must be true or false");
                return null;
        }
    }
}
