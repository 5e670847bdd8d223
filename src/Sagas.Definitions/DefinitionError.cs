namespace Sagas.Definitions;

/// <summary>
/// One thing wrong with a definition file, located well enough to fix without searching:
/// the file, the line (and column where known) and the step it belongs to.
/// </summary>
public sealed record DefinitionError(string File, int Line, int Column, string? StepId, string Code, string Message)
{
    public override string ToString()
    {
        var where = Column > 0 ? $"{File}:{Line}:{Column}" : $"{File}:{Line}";
        var step = StepId is null ? string.Empty : $"step '{StepId}': ";
        return $"{where}: {step}{Message} [{Code}]";
    }
}
