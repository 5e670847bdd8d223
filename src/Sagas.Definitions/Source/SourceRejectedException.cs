namespace Sagas.Definitions.Source;

/// <summary>
/// Thrown by the readers when a file cannot be read as a definition at all (malformed, hostile
/// or too deep). <see cref="SourceDocument.Parse"/> turns it into one <see cref="DefinitionError"/>.
/// </summary>
public sealed class SourceRejectedException(string code, string message, SourcePosition position)
    : Exception(message)
{
    public string Code { get; } = code;

    public SourcePosition Position { get; } = position;
}
