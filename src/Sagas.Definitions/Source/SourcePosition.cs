namespace Sagas.Definitions.Source;

/// <summary>A place in a definition file; both numbers start at 1.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public static readonly SourcePosition Start = new(1, 1);

    public override string ToString() => $"{Line}:{Column}";
}
