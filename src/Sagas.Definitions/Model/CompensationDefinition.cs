namespace Sagas.Definitions.Model;

/// <summary>
/// How a completed step is undone when its workflow cannot complete (<c>compensate:</c>): a call
/// to <see cref="Service"/> with an input mapped from the workflow input and the outputs of the
/// step itself and the steps it depends on.
/// </summary>
public sealed record CompensationDefinition
{
    public required string Service { get; init; }

    public required ValueMapping Input { get; init; }

    public required int Line { get; init; }
}
