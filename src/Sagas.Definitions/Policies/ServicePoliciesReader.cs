using Sagas.Definitions.Building;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Policies;

/// <summary>Reads one <c>orchestration.services.NAME</c> entry: its endpoints, alternates, policies and adaptation.</summary>
internal sealed class ServicePoliciesReader(ErrorSink errors)
{
    internal static readonly string[] ServiceKeys = ["endpoints", "alternates", "policies", "adaptive"];
    internal static readonly string[] EndpointKeys = ["name", "weight"];

    private readonly PolicyListReader _policies = new(errors);
    private readonly AdaptivePolicyReader _adaptive = new(errors);

    /// <summary>The service as declared; <paramref name="path"/> is <c>orchestration.services.NAME</c>; its <c>adaptive</c> goes over <paramref name="adaptive"/>.</summary>
    public ServicePolicies Read(SourceEntry entry, string path, AdaptivePolicy adaptive)
    {
        var service = new ServicePolicies { Service = entry.Key.Text, Line = entry.Key.Position.Line };
        switch (entry.Value)
        {
            // "payment-backup: {}" or "payment-backup:" declares a service with nothing but its name.
            case SourceScalar { Kind: ScalarKind.Null }:
                return service;
            case SourceMapping mapping:
                var keys = new KeyedEntries(mapping, ServiceKeys, null, errors, path);
                return service with
                {
                    Endpoints = Endpoints(keys["endpoints"], $"{path}.endpoints"),
                    Alternates = AlternatesReader.Read(keys["alternates"], $"{path}.alternates", service.Service, null, errors),
                    Policies = _policies.Read(keys["policies"], $"{path}.policies", PolicyPlace.Service),
                    Adaptive = keys["adaptive"] is null ? null : _adaptive.Read(keys["adaptive"], $"{path}.adaptive", adaptive),
                };
            default:
                errors.Add(entry.Value.Position, null, ErrorCodes.WrongType,
                    $"'{path}' must be a mapping of {string.Join(", ", ServiceKeys)}, not {entry.Value.KindName}");
                return service;
        }
    }

    private List<ServiceEndpoint> Endpoints(SourceNode? node, string path)
    {
        var items = OptionalList.Items(node, path, "a list of queue names or of mappings with name and weight", null, errors);
        var endpoints = new List<ServiceEndpoint>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            if (Endpoint(item, $"{path}[{index}]") is not { } endpoint)
            {
                continue;
            }

            if (seen.TryAdd(endpoint.Name, endpoint.Line))
            {
                endpoints.Add(endpoint);
            }
            else
            {
                errors.Add(item.Position, null, ErrorCodes.InvalidEndpoint,
                    $"'{path}[{index}]' repeats endpoint '{endpoint.Name}' (first on line {seen[endpoint.Name]}); list each queue once");
            }
        }

        return endpoints;
    }

    // "- payment-us" or "- name: payment-eu\n  weight: 3".
    private ServiceEndpoint? Endpoint(SourceNode item, string path)
    {
        var line = item.Position.Line;
        switch (item)
        {
            case SourceScalar { Kind: ScalarKind.String } name:
                return EndpointName(name, path) is { } valid ? new ServiceEndpoint(valid, 1, line) : null;
            case SourceMapping mapping:
                var keys = new KeyedEntries(mapping, EndpointKeys, null, errors, path);
                var weight = PolicyValues.Count(keys["weight"], $"{path}.weight", errors, ErrorCodes.InvalidEndpoint);
                if (keys["name"] is null or SourceScalar { Kind: ScalarKind.Null })
                {
                    errors.Add(mapping.Position, null, ErrorCodes.MissingKey, $"'{path}' has no 'name'; give the queue's name");
                    return null;
                }

                var weightValid = weight is not null || keys["weight"] is null or SourceScalar { Kind: ScalarKind.Null };
                return EndpointName(keys["name"]!, $"{path}.name") is { } named && weightValid ? new ServiceEndpoint(named, weight ?? 1, line) : null;
            default:
                errors.Add(item.Position, null, ErrorCodes.InvalidEndpoint,
                    $"'{path}' must be a queue name or a mapping with name and weight, not {DraftReader.Describe(item)}");
                return null;
        }
    }

    private string? EndpointName(SourceNode node, string path)
    {
        if (node is SourceScalar { Kind: ScalarKind.String } name && NamePatterns.Service().IsMatch(name.Text))
        {
            return name.Text;
        }

        errors.Add(node.Position, null, ErrorCodes.InvalidEndpoint,
            $"'{path}' must be a queue name of lower-case letters, digits, '.', '_' and '-' (at most 100), starting with a letter or digit, not {DraftReader.Describe(node)}");
        return null;
    }
}
