namespace Sagas.Cli.Definitions;

/// <summary>What <c>definitions validate --json</c> writes.</summary>
internal sealed record ValidationReport(bool Valid, IReadOnlyList<FileReport> Files)
{
    public static ValidationReport Of(ValidatedFiles result) => new(
        result.IsValid,
        [
            .. result.Definitions.Select(f => new FileReport(
                f.File,
                f.IsValid,
                f.Definition is null ? null : DefinitionSummary.Of(f.Definition),
                null,
                [.. f.Errors.Select(ErrorSummary.Of)])),
            .. result.Policies.Select(f => new FileReport(
                f.File,
                f.IsValid,
                null,
                f.Policies is null ? null : PolicySummary.Of(f.Policies),
                [.. f.Errors.Select(ErrorSummary.Of)])),
        ]);
}

/// <summary>One file's verdict: a definition file's definition or a policy file's policies.</summary>
internal sealed record FileReport(string File, bool Valid, DefinitionSummary? Definition, PolicySummary? Policies, IReadOnlyList<ErrorSummary> Errors);
