using System.Text.Json.Nodes;

namespace Sagas.Definitions.Model;

/// <summary>
/// A value in a mapping: a literal, a <c>$.</c> reference, or an object or list of further
/// expressions. <see cref="Line"/> is where it was written, for error messages.
/// </summary>
public abstract record ValueExpression(int Line)
{
    public abstract IEnumerable<ReferenceExpression> References();
}

/// <summary>A value used as written.</summary>
public sealed record LiteralExpression(int Line, JsonNode? Value) : ValueExpression(Line)
{
    public override IEnumerable<ReferenceExpression> References() => [];
}

/// <summary>A value read at run time from the input, a step's output, or the workflow itself.</summary>
public sealed record ReferenceExpression(int Line, ValueReference Reference) : ValueExpression(Line)
{
    public override IEnumerable<ReferenceExpression> References() => [this];
}

/// <summary>An object whose fields are expressions.</summary>
public sealed record ObjectExpression(int Line, IReadOnlyList<MappedField> Fields) : ValueExpression(Line)
{
    public override IEnumerable<ReferenceExpression> References() => Fields.SelectMany(f => f.Value.References());
}

/// <summary>A list whose items are expressions.</summary>
public sealed record ArrayExpression(int Line, IReadOnlyList<ValueExpression> Items) : ValueExpression(Line)
{
    public override IEnumerable<ReferenceExpression> References() => Items.SelectMany(i => i.References());
}
