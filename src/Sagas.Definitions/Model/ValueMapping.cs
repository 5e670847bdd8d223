namespace Sagas.Definitions.Model;

/// <summary>
/// The fields of a step's input or a workflow's output, each computed from a
/// <see cref="ValueExpression"/>. Field order is kept as written.
/// </summary>
public sealed record ValueMapping(IReadOnlyList<MappedField> Fields)
{
    public static readonly ValueMapping Empty = new([]);

    /// <summary>Every reference in the mapping, nested ones included.</summary>
    public IEnumerable<ReferenceExpression> References() => Fields.SelectMany(f => f.Value.References());
}

/// <summary>One named field of a mapping.</summary>
public sealed record MappedField(string Name, ValueExpression Value);
