using Sagas.Definitions.Building;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Policies;

/// <summary>
/// Reads <c>orchestration.service_discovery: { type: broker, refresh_interval: 30s, health_check: true, enabled: true }</c>.
/// <c>type: consul</c> is refused with the reason: no Consul agent or client exists on the machines
/// Sagas runs on, and a registry that was asked for but is not there must stop the node, not be
/// replaced in silence.
/// </summary>
internal sealed class DiscoveryPolicyReader(ErrorSink errors)
{
    private const string Path = "orchestration.service_discovery";

    internal static readonly string[] Keys = ["type", "refresh_interval", "health_check", "enabled"];

    internal static readonly string[] KnownTypes = ["broker", "consul"];

    /// <summary>Below this, every orchestrator would read the registry several times a second.</summary>
    private static readonly TimeSpan ShortestRefresh = TimeSpan.FromSeconds(1);

    public DiscoveryPolicy Read(SourceNode? node)
    {
        switch (node)
        {
            case null or SourceScalar { Kind: ScalarKind.Null }:
                return DiscoveryPolicy.Default;
            case SourceMapping mapping:
                var keys = new KeyedEntries(mapping, Keys, null, errors, Path);
                ReadType(keys["type"]);
                return new DiscoveryPolicy
                {
                    RefreshInterval = Refresh(keys["refresh_interval"]) ?? DiscoveryPolicy.Default.RefreshInterval,
                    HealthCheck = PolicyValues.Flag(keys["health_check"], $"{Path}.health_check", errors) ?? true,
                    Enabled = PolicyValues.Flag(keys["enabled"], $"{Path}.enabled", errors) ?? true,
                };
            default:
                errors.Add(node.Position, null, ErrorCodes.WrongType, $"'{Path}' must be a mapping of {string.Join(", ", Keys)}, not {node.KindName}");
                return DiscoveryPolicy.Default;
        }
    }

    private void ReadType(SourceNode? node)
    {
        if (node is null or SourceScalar { Kind: ScalarKind.Null })
        {
            return;
        }

        if (node is SourceScalar { Kind: ScalarKind.String, Text: "broker" })
        {
            return;
        }

        if (node is SourceScalar { Kind: ScalarKind.String, Text: "consul" })
        {
            errors.Add(node.Position, null, ErrorCodes.UnsupportedDiscovery,
                $"'{Path}.type: consul' is not available: there is no Consul agent or client on the machines Sagas supports. "
                + "Use 'broker' (the default): instances register through RabbitMQ and PostgreSQL, which Sagas already runs on");
            return;
        }

        ScalarReader.Invalid<DiscoveryType>(node, $"{Path}.type", "'broker' (or 'consul', which is not available here)", null, ErrorCodes.InvalidPolicyValue, errors);
    }

    private TimeSpan? Refresh(SourceNode? node)
    {
        var refresh = DurationReader.Read(node, $"{Path}.refresh_interval", null, errors);
        if (refresh is { } value && value < ShortestRefresh)
        {
            errors.Add(node!.Position, null, ErrorCodes.InvalidPolicyValue, $"'{Path}.refresh_interval' must be at least 1s (it is {DurationText.Words(value)})");
            return null;
        }

        return refresh;
    }
}
