namespace Sagas.Definitions.Model;

/// <summary>
/// A field of the workflow's input, with the JSON type it must have; a searchable one can be
/// listed by (<c>sagas workflows list --where NAME=VALUE</c>).
/// </summary>
public sealed record InputField(string Name, JsonType Type, bool Required, bool Searchable = false)
{
    /// <summary>The types a search can match exactly: one value, written as text.</summary>
    public static readonly IReadOnlySet<JsonType> SearchableTypes = new HashSet<JsonType> { JsonType.String, JsonType.Number, JsonType.Integer, JsonType.Boolean };
}
