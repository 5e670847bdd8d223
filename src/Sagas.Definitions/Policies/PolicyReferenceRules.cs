using Sagas.Definitions.Building;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Policies;

/// <summary>
/// Checks a policy file against the definitions it governs: every workflow it names exists,
/// and every alternate (of a service in the file or of a step) is a service something calls
/// or the file declares, so a slip in a name fails at start-up rather than at the first failover.
/// </summary>
public static class PolicyReferenceRules
{
    private const string Unknown = "no step or compensation calls it and orchestration.services does not declare it";

    /// <summary>Every broken reference: the policy file's in line order, then each definition's.</summary>
    public static IReadOnlyList<DefinitionError> Check(PolicyFile policies, IReadOnlyList<WorkflowDefinition> definitions)
    {
        var inPolicies = new List<DefinitionError>();
        var ids = definitions.Select(d => d.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var services = definitions
            .SelectMany(d => d.Steps)
            .SelectMany(s => s.Compensation is { } compensation ? [s.Service, compensation.Service] : new[] { s.Service })
            .Concat(policies.Services.Keys)
            .ToHashSet(StringComparer.Ordinal);

        foreach (var (id, scope) in policies.Workflows)
        {
            if (!ids.Contains(id, StringComparer.Ordinal))
            {
                var known = ids.Count == 0 ? "no workflow definitions are loaded" : $"known: {string.Join(", ", ids)}";
                inPolicies.Add(new DefinitionError(policies.File, LineOf(scope), 0, null, ErrorCodes.UnknownWorkflow,
                    $"'orchestration.workflows.{id}' names no workflow definition{Suggestion.DidYouMean(id, ids)}; {known}"));
            }
        }

        foreach (var service in policies.Services.Values)
        {
            foreach (var alternate in service.Alternates.Where(a => !services.Contains(a)))
            {
                inPolicies.Add(new DefinitionError(policies.File, service.Line, 0, null, ErrorCodes.UnknownService,
                    $"'orchestration.services.{service.Service}.alternates' lists unknown service '{alternate}'{Suggestion.DidYouMean(alternate, services)}; {Unknown}"));
            }
        }

        var errors = inPolicies.OrderBy(e => e.Line).ToList();
        foreach (var definition in definitions)
        {
            foreach (var step in definition.Steps)
            {
                foreach (var alternate in step.Alternates.Where(a => !services.Contains(a)))
                {
                    errors.Add(new DefinitionError(definition.Source.File, step.Line, 0, step.Id, ErrorCodes.UnknownService,
                        $"'alternates' lists unknown service '{alternate}'{Suggestion.DidYouMean(alternate, services)}; {Unknown}"));
                }
            }
        }

        return errors;
    }

    // A scope has no line of its own; its first policy is the nearest place to point at.
    private static int LineOf(PolicyScope scope) =>
        new int?[] { scope.Failover?.Line, scope.LoadBalancing?.Line, scope.Retry?.Line, scope.CircuitBreaker?.Line, scope.Limits?.Line, scope.Dependencies?.Line }
            .Min() ?? 1;
}
