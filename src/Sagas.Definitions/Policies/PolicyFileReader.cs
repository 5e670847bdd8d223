using Sagas.Definitions.Building;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Policies;

/// <summary>
/// Reads the source tree of a <c>policies.yaml</c> into a <see cref="PolicyFile"/>, reporting
/// every shape error and carrying on past each.
/// </summary>
internal sealed class PolicyFileReader(ErrorSink errors)
{
    private const string Root = "orchestration";
    private const string Allowed = "lower-case letters, digits, '.', '_' and '-' (at most 100), starting with a letter or digit";

    private static readonly string[] RootKeys = [Root];
    internal static readonly string[] OrchestrationKeys = ["policies", "services", "workflows", "analytics", "service_discovery", "adaptive"];
    internal static readonly string[] WorkflowKeys = ["policies"];

    private readonly PolicyListReader _policies = new(errors);
    private readonly ServicePoliciesReader _services = new(errors);
    private readonly AnalyticsPolicyReader _analytics = new(errors);
    private readonly DiscoveryPolicyReader _discovery = new(errors);
    private readonly AdaptivePolicyReader _adaptive = new(errors);

    public PolicyFile Read(SourceNode root, string file)
    {
        var empty = new PolicyFile { File = file };
        if (root is SourceScalar { Kind: ScalarKind.Null })
        {
            return empty;
        }

        if (root is not SourceMapping mapping)
        {
            errors.Add(root.Position, null, ErrorCodes.WrongType, $"a policy file must be a mapping with the one key '{Root}', not {root.KindName}");
            return empty;
        }

        var orchestration = new KeyedEntries(mapping, RootKeys, null, errors)[Root];
        if (orchestration is null or SourceScalar { Kind: ScalarKind.Null })
        {
            return empty;
        }

        if (orchestration is not SourceMapping body)
        {
            errors.Add(orchestration.Position, null, ErrorCodes.WrongType,
                $"'{Root}' must be a mapping of {string.Join(", ", OrchestrationKeys)}, not {orchestration.KindName}");
            return empty;
        }

        var keys = new KeyedEntries(body, OrchestrationKeys, null, errors, Root);
        var adaptive = _adaptive.Read(keys["adaptive"], $"{Root}.adaptive", AdaptivePolicy.Off);
        return empty with
        {
            Defaults = _policies.Read(keys["policies"], $"{Root}.policies", PolicyPlace.Defaults),
            Services = Services(keys["services"], adaptive),
            Workflows = Workflows(keys["workflows"]),
            Analytics = _analytics.Read(keys["analytics"]),
            Discovery = _discovery.Read(keys["service_discovery"]),
            Adaptive = adaptive,
        };
    }

    private Dictionary<string, ServicePolicies> Services(SourceNode? node, AdaptivePolicy adaptive)
    {
        const string path = $"{Root}.services";
        var services = new Dictionary<string, ServicePolicies>(StringComparer.Ordinal);
        foreach (var (name, entry) in Named(node, path, "map service names to their endpoints, alternates and policies"))
        {
            var service = _services.Read(entry, $"{path}.{name}", adaptive);
            if (!NamePatterns.Service().IsMatch(name))
            {
                errors.Add(entry.Key.Position, null, ErrorCodes.InvalidName, $"service name '{name}' in '{path}' may hold only {Allowed}");
            }
            else
            {
                services[name] = service;
            }
        }

        return services;
    }

    private Dictionary<string, PolicyScope> Workflows(SourceNode? node)
    {
        const string path = $"{Root}.workflows";
        var workflows = new Dictionary<string, PolicyScope>(StringComparer.Ordinal);
        foreach (var (id, entry) in Named(node, path, "map workflow ids to their policies"))
        {
            var scope = Workflow(entry, $"{path}.{id}");
            if (!NamePatterns.WorkflowId().IsMatch(id))
            {
                errors.Add(entry.Key.Position, null, ErrorCodes.InvalidName,
                    $"workflow id '{id}' in '{path}' may hold only letters, digits, '.', '_' and '-' (at most 100), starting with a letter or digit");
            }
            else
            {
                workflows[id] = scope;
            }
        }

        return workflows;
    }

    private PolicyScope Workflow(SourceEntry entry, string path)
    {
        switch (entry.Value)
        {
            case SourceScalar { Kind: ScalarKind.Null }:
                return PolicyScope.None;
            case SourceMapping mapping:
                var keys = new KeyedEntries(mapping, WorkflowKeys, null, errors, path);
                return _policies.Read(keys["policies"], $"{path}.policies", PolicyPlace.Workflow);
            default:
                errors.Add(entry.Value.Position, null, ErrorCodes.WrongType, $"'{path}' must be a mapping with policies, not {entry.Value.KindName}");
                return PolicyScope.None;
        }
    }

    // The entries of a mapping keyed by names a person chooses, each name once.
    private List<(string Name, SourceEntry Entry)> Named(SourceNode? node, string path, string shape)
    {
        if (node is null or SourceScalar { Kind: ScalarKind.Null })
        {
            return [];
        }

        if (node is not SourceMapping mapping)
        {
            errors.Add(node.Position, null, ErrorCodes.WrongType, $"'{path}' must {shape}, not {node.KindName}");
            return [];
        }

        var named = new List<(string, SourceEntry)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (seen.TryAdd(entry.Key.Text, entry.Key.Position.Line))
            {
                named.Add((entry.Key.Text, entry));
            }
            else
            {
                errors.Add(entry.Key.Position, null, ErrorCodes.DuplicateKey,
                    $"key '{path}.{entry.Key.Text}' is written twice (first on line {seen[entry.Key.Text]})");
            }
        }

        return named;
    }
}
