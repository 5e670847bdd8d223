using Sagas.Definitions.Loading;

namespace Sagas.Cli.Definitions;

/// <summary>What <c>definitions validate --json</c> writes.</summary>
internal sealed record ValidationReport(bool Valid, IReadOnlyList<FileReport> Files)
{
    public static ValidationReport Of(DefinitionSetLoad result) => new(
        result.IsValid,
        [.. result.Files.Select(f => new FileReport(
            f.File,
            f.IsValid,
            f.Definition is null ? null : DefinitionSummary.Of(f.Definition),
            [.. f.Errors.Select(ErrorSummary.Of)]))]);
}

/// <summary>One file's verdict.</summary>
internal sealed record FileReport(string File, bool Valid, DefinitionSummary? Definition, IReadOnlyList<ErrorSummary> Errors);
