using Sagas.Definitions;
using Sagas.Definitions.Model;

namespace Sagas.Cli.Definitions;

/// <summary>A definition as the CLI reports it.</summary>
internal sealed record DefinitionSummary(
    string Id,
    int Version,
    string? Description,
    string Hash,
    string File,
    IReadOnlyList<string> Input,
    IReadOnlyList<StepSummary> Steps)
{
    public static DefinitionSummary Of(WorkflowDefinition definition) => new(
        definition.Id,
        definition.Version,
        definition.Description,
        definition.Source.ContentHash,
        definition.Source.File,
        [.. definition.Input.Select(f => $"{f.Name}: {f.Type.ToString().ToLowerInvariant()}{(f.Required ? string.Empty : "?")}")],
        [.. definition.Steps.Select(s => new StepSummary(s.Id, s.Service, s.DependsOn, s.Switch?.All.ToDictionary(c => c.Name, c => c.Service)))]);
}

/// <summary>A step as the CLI reports it; a <c>switch:</c> step's service is its default's, and <see cref="Cases"/> names each case's.</summary>
internal sealed record StepSummary(string Id, string Service, IReadOnlyList<string> DependsOn, IReadOnlyDictionary<string, string>? Cases);

/// <summary>A definition error as <c>--json</c> reports it.</summary>
internal sealed record ErrorSummary(string File, int Line, int? Column, string? Step, string Code, string Message)
{
    public static ErrorSummary Of(DefinitionError error) =>
        new(error.File, error.Line, error.Column > 0 ? error.Column : null, error.StepId, error.Code, error.Message);
}
