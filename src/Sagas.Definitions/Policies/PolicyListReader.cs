using Sagas.Definitions.Building;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Policies;

/// <summary>
/// Reads one <c>policies:</c> list (<c>- name: retry</c>, …) into a <see cref="PolicyScope"/>,
/// reporting unknown and repeated policies, policies out of place and every bad value.
/// </summary>
internal sealed class PolicyListReader(ErrorSink errors)
{
    private const string Failover = "failover";
    private const string LoadBalancing = "load_balancing";
    private const string Retry = "retry";
    private const string CircuitBreaker = "circuit_breaker";
    private const string Limits = "limits";
    private const string DependencyResolution = "dependency_resolution";

    internal static readonly Dictionary<string, string[]> KeysByName = new(StringComparer.Ordinal)
    {
        [Failover] = ["name", "enabled"],
        [LoadBalancing] = ["name", "enabled", "algorithm"],
        [Retry] = ["name", .. RetryReader.Keys],
        [CircuitBreaker] = ["name", "failure_ratio", "window", "break_for", "minimum_calls", "when_open", "enabled"],
        [Limits] = ["name", "max_in_flight", "max_per_second"],
        [DependencyResolution] = ["name", "on_unresolved"],
    };

    // These act on one service's traffic (its calls, its failures, its queues), so a workflow
    // cannot have its own: they would contradict the service's for the same queues.
    private static readonly string[] PerService = [LoadBalancing, CircuitBreaker, Limits];

    private static readonly Dictionary<string, BalancingAlgorithm> Algorithms = new(StringComparer.Ordinal)
    {
        ["round_robin"] = BalancingAlgorithm.RoundRobin,
        ["weighted"] = BalancingAlgorithm.Weighted,
        ["least_outstanding"] = BalancingAlgorithm.LeastOutstanding,
    };

    private static readonly Dictionary<string, CircuitOpenAction> OpenActions = new(StringComparer.Ordinal)
    {
        ["failover"] = CircuitOpenAction.Failover,
        ["wait"] = CircuitOpenAction.Wait,
        ["fail_fast"] = CircuitOpenAction.FailFast,
    };

    private static readonly Dictionary<string, UnresolvedInputAction> UnresolvedActions = new(StringComparer.Ordinal)
    {
        ["needs_attention"] = UnresolvedInputAction.NeedsAttention,
        ["fail"] = UnresolvedInputAction.Fail,
    };

    /// <summary>The policies of the list at <paramref name="path"/>; <see cref="PolicyScope.None"/> when it is absent.</summary>
    public PolicyScope Read(SourceNode? node, string path, PolicyPlace place)
    {
        var items = OptionalList.Items(node, path, "a list of policies, each with a name", null, errors);
        var scope = PolicyScope.None;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < items.Count; index++)
        {
            var itemPath = $"{path}[{index}]";
            if (items[index] is not SourceMapping mapping)
            {
                errors.Add(items[index].Position, null, ErrorCodes.WrongType,
                    $"'{itemPath}' must be a mapping with a name and the policy's settings, not {items[index].KindName}");
                continue;
            }

            if (Name(mapping, itemPath) is not { } name)
            {
                continue;
            }

            // Read in full even when misplaced or repeated, so every mistake in it shows at once.
            var read = Policy(name, mapping, itemPath, scope);
            if (!seen.TryAdd(name.Text, mapping.Position.Line))
            {
                errors.Add(name.Position, null, ErrorCodes.DuplicatePolicy,
                    $"'{itemPath}' sets {name.Text} again (first on line {seen[name.Text]}); write each policy once per list");
            }
            else if (place == PolicyPlace.Workflow && PerService.Contains(name.Text))
            {
                errors.Add(name.Position, null, ErrorCodes.PolicyNotAllowedHere,
                    $"'{itemPath}' sets {name.Text}, which applies to a service's calls from every workflow, so a workflow cannot have its own; "
                    + "set it under orchestration.policies or orchestration.services.NAME.policies");
            }
            else
            {
                scope = read;
            }
        }

        return scope;
    }

    private SourceScalar? Name(SourceMapping mapping, string itemPath)
    {
        var node = mapping.Entries.FirstOrDefault(e => e.Key.Text == "name")?.Value;
        var known = string.Join(", ", KeysByName.Keys);
        switch (node)
        {
            case null:
            case SourceScalar { Kind: ScalarKind.Null }:
                errors.Add(node?.Position ?? mapping.Position, null, ErrorCodes.MissingKey, $"'{itemPath}' has no 'name'; name one of: {known}");
                return null;
            case SourceScalar { Kind: ScalarKind.String } name when KeysByName.ContainsKey(name.Text):
                return name;
            default:
                var hint = node is SourceScalar scalar ? Suggestion.DidYouMean(scalar.Text, KeysByName.Keys) : string.Empty;
                errors.Add(node.Position, null, ErrorCodes.UnknownPolicy,
                    $"'{itemPath}.name' {DraftReader.Describe(node)} is not a policy{hint}; name one of: {known}");
                return null;
        }
    }

    // The scope with this policy set; each policy gets the line of its list entry.
    private PolicyScope Policy(SourceScalar name, SourceMapping mapping, string path, PolicyScope scope)
    {
        var keys = new KeyedEntries(mapping, KeysByName[name.Text], null, errors, path);
        var line = mapping.Position.Line;
        return name.Text switch
        {
            Failover => scope with { Failover = FailoverPolicy(keys, mapping, path, line) },
            LoadBalancing => scope with { LoadBalancing = LoadBalancingPolicy(keys, mapping, path, line) },
            Retry => scope with { Retry = RetryReader.Read(keys, path, line, null, errors) },
            CircuitBreaker => scope with { CircuitBreaker = CircuitBreakerPolicy(keys, path, line) },
            Limits => scope with { Limits = LimitsPolicy(keys, mapping, path, line) },
            _ => scope with { Dependencies = DependencyPolicy(keys, mapping, path, line) },
        };
    }

    private FailoverPolicy? FailoverPolicy(KeyedEntries keys, SourceMapping mapping, string path, int line) =>
        Enabled(keys, mapping, path) is { } enabled ? new FailoverPolicy(enabled, line) : null;

    private LoadBalancingPolicy? LoadBalancingPolicy(KeyedEntries keys, SourceMapping mapping, string path, int line)
    {
        var enabled = Enabled(keys, mapping, path);
        var algorithm = PolicyValues.Choice(keys["algorithm"], $"{path}.algorithm", Algorithms, errors);
        if (enabled == true && IsAbsent(keys["algorithm"]))
        {
            errors.Add(mapping.Position, null, ErrorCodes.MissingKey,
                $"'{path}' is enabled but has no 'algorithm'; write algorithm: {string.Join(", ", Algorithms.Keys)}");
            return null;
        }

        // A disabled balancer needs no algorithm; round_robin stands in until it is enabled.
        var algorithmValid = algorithm is not null || IsAbsent(keys["algorithm"]);
        return enabled is { } on && algorithmValid ? new LoadBalancingPolicy(on, algorithm ?? BalancingAlgorithm.RoundRobin, line) : null;
    }

    private CircuitBreakerPolicy CircuitBreakerPolicy(KeyedEntries keys, string path, int line)
    {
        var policy = new CircuitBreakerPolicy { Line = line };
        return policy with
        {
            Enabled = PolicyValues.Flag(keys["enabled"], $"{path}.enabled", errors) ?? policy.Enabled,
            FailureRatio = PolicyValues.Positive(keys["failure_ratio"], $"{path}.failure_ratio", errors, atMostOne: true) ?? policy.FailureRatio,
            Window = DurationReader.Read(keys["window"], $"{path}.window", null, errors) ?? policy.Window,
            BreakFor = DurationReader.Read(keys["break_for"], $"{path}.break_for", null, errors) ?? policy.BreakFor,
            MinimumCalls = PolicyValues.Count(keys["minimum_calls"], $"{path}.minimum_calls", errors) ?? policy.MinimumCalls,
            WhenOpen = PolicyValues.Choice(keys["when_open"], $"{path}.when_open", OpenActions, errors) ?? policy.WhenOpen,
        };
    }

    private LimitsPolicy? LimitsPolicy(KeyedEntries keys, SourceMapping mapping, string path, int line)
    {
        if (IsAbsent(keys["max_in_flight"]) && IsAbsent(keys["max_per_second"]))
        {
            errors.Add(mapping.Position, null, ErrorCodes.MissingKey, $"'{path}' sets no limit; give max_in_flight, max_per_second or both");
            return null;
        }

        return new LimitsPolicy
        {
            MaxInFlight = PolicyValues.Count(keys["max_in_flight"], $"{path}.max_in_flight", errors),
            MaxPerSecond = PolicyValues.Positive(keys["max_per_second"], $"{path}.max_per_second", errors),
            Line = line,
        };
    }

    private DependencyPolicy? DependencyPolicy(KeyedEntries keys, SourceMapping mapping, string path, int line)
    {
        if (IsAbsent(keys["on_unresolved"]))
        {
            errors.Add(mapping.Position, null, ErrorCodes.MissingKey,
                $"'{path}' has no 'on_unresolved'; write on_unresolved: {string.Join(" or ", UnresolvedActions.Keys)}");
            return null;
        }

        return PolicyValues.Choice(keys["on_unresolved"], $"{path}.on_unresolved", UnresolvedActions, errors) is { } action
            ? new DependencyPolicy(action, line)
            : null;
    }

    // failover and load_balancing say outright whether they are on: a list entry that only
    // names one reads as "on" to some and "off" to others.
    private bool? Enabled(KeyedEntries keys, SourceMapping mapping, string path)
    {
        if (IsAbsent(keys["enabled"]))
        {
            errors.Add(mapping.Position, null, ErrorCodes.MissingKey, $"'{path}' has no 'enabled'; write enabled: true or enabled: false");
            return null;
        }

        return PolicyValues.Flag(keys["enabled"], $"{path}.enabled", errors);
    }

    private static bool IsAbsent(SourceNode? node) => node is null or SourceScalar { Kind: ScalarKind.Null };
}
