using Sagas.Definitions.Source;

namespace Sagas.Definitions.Building;

/// <summary>Collects every error of one file, so a person sees them all in one run.</summary>
internal sealed class ErrorSink(string file)
{
    private readonly List<DefinitionError> _errors = [];

    public string File { get; } = file;

    public IReadOnlyList<DefinitionError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    /// <summary>The errors in file order, as a person reads them; errors on one line keep the order they were found in.</summary>
    public IReadOnlyList<DefinitionError> InFileOrder() => [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];

    public void Add(SourcePosition position, string? stepId, string code, string message) =>
        _errors.Add(new DefinitionError(File, position.Line, position.Column, stepId, code, message));

    public void Add(int line, string? stepId, string code, string message) =>
        _errors.Add(new DefinitionError(File, line, 0, stepId, code, message));
}
