using Sagas.Definitions.Policies;

namespace Sagas.Cli.Definitions;

/// <summary>A policy file as <c>--json</c> reports it: the services and workflows it sets policies for.</summary>
internal sealed record PolicySummary(IReadOnlyList<string> Services, IReadOnlyList<string> Workflows)
{
    public static PolicySummary Of(PolicyFile policies) => new([.. policies.Services.Keys], [.. policies.Workflows.Keys]);
}
