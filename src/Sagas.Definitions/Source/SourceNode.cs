namespace Sagas.Definitions.Source;

/// <summary>
/// A node of a definition file as written, with its position. YAML and JSON both read into
/// this tree, so the builder and its error messages do not care which format a file used.
/// </summary>
public abstract record SourceNode(SourcePosition Position)
{
    /// <summary>What a person would call this node in an error message.</summary>
    public abstract string KindName { get; }
}

/// <summary>A key/value block; entries keep file order and duplicates, so the builder can report them.</summary>
public sealed record SourceMapping(SourcePosition Position, IReadOnlyList<SourceEntry> Entries) : SourceNode(Position)
{
    public override string KindName => "a mapping";
}

/// <summary>One key of a mapping and its value.</summary>
public sealed record SourceEntry(SourceScalar Key, SourceNode Value);

/// <summary>A list.</summary>
public sealed record SourceSequence(SourcePosition Position, IReadOnlyList<SourceNode> Items) : SourceNode(Position)
{
    public override string KindName => "a list";
}

/// <summary>A single value with its JSON kind already resolved (YAML plain scalars by the core schema).</summary>
public sealed record SourceScalar(SourcePosition Position, string Text, ScalarKind Kind) : SourceNode(Position)
{
    public override string KindName => Kind switch
    {
        ScalarKind.String => "a string",
        ScalarKind.Number => "a number",
        ScalarKind.Boolean => "a boolean",
        _ => "null",
    };
}

/// <summary>The JSON kind of a scalar.</summary>
public enum ScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}
