using Sagas.Definitions.Building;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Policies;

/// <summary>
/// Reads <c>orchestration.adaptive: { enabled, triggers: [load, latency, error_rate], latency: {…}, error_rate: {…}, load: {…} }</c>,
/// and a service's own <c>adaptive</c> over it: a key the service leaves out keeps the global value.
/// </summary>
internal sealed class AdaptivePolicyReader(ErrorSink errors)
{
    internal static readonly string[] Keys = ["enabled", "triggers", "latency", "error_rate", "load"];
    internal static readonly string[] LatencyKeys = ["decay", "threshold"];
    internal static readonly string[] ErrorRateKeys = ["threshold", "min_calls", "calls", "window", "ejection", "max_ejection", "max_ejected"];
    internal static readonly string[] LoadKeys = ["initial_limit", "min_limit", "max_limit", "tolerance"];

    private static readonly Dictionary<string, AdaptiveTrigger> TriggerNames = new(StringComparer.Ordinal)
    {
        ["load"] = AdaptiveTrigger.Load,
        ["latency"] = AdaptiveTrigger.Latency,
        ["error_rate"] = AdaptiveTrigger.ErrorRate,
    };

    /// <summary>The section at <paramref name="path"/> over <paramref name="basis"/>; the basis itself when the key is absent.</summary>
    public AdaptivePolicy Read(SourceNode? node, string path, AdaptivePolicy basis)
    {
        switch (node)
        {
            case null:
                return basis;
            case SourceScalar { Kind: ScalarKind.Null }:
                // "adaptive:" with nothing under it turns adaptation on with every trigger.
                return basis with { Enabled = true };
            case SourceMapping mapping:
                var keys = new KeyedEntries(mapping, Keys, null, errors, path);
                return basis with
                {
                    Enabled = PolicyValues.Flag(keys["enabled"], $"{path}.enabled", errors) ?? true,
                    Triggers = TriggersOf(keys["triggers"], $"{path}.triggers") ?? basis.Triggers,
                    Latency = Latency(keys["latency"], $"{path}.latency", basis.Latency),
                    ErrorRate = ErrorRate(keys["error_rate"], $"{path}.error_rate", basis.ErrorRate),
                    Load = Load(keys["load"], $"{path}.load", basis.Load),
                };
            default:
                errors.Add(node.Position, null, ErrorCodes.WrongType, $"'{path}' must be a mapping of {string.Join(", ", Keys)}, not {node.KindName}");
                return basis;
        }
    }

    private HashSet<AdaptiveTrigger>? TriggersOf(SourceNode? node, string path)
    {
        if (node is null or SourceScalar { Kind: ScalarKind.Null })
        {
            return null;
        }

        var items = OptionalList.Items(node, path, $"a list of {string.Join(", ", TriggerNames.Keys)}", null, errors);
        var triggers = new HashSet<AdaptiveTrigger>();
        for (var index = 0; index < items.Count; index++)
        {
            if (PolicyValues.Choice(items[index], $"{path}[{index}]", TriggerNames, errors) is { } trigger)
            {
                triggers.Add(trigger);
            }
        }

        return triggers;
    }

    private LatencyAdaptation Latency(SourceNode? node, string path, LatencyAdaptation basis)
    {
        if (Section(node, path, LatencyKeys) is not { } keys)
        {
            return basis;
        }

        return basis with
        {
            Decay = Duration(keys["decay"], $"{path}.decay") ?? basis.Decay,
            Threshold = Multiple(keys["threshold"], $"{path}.threshold", "how many times its fastest peer's latency an instance must show to be avoided") ?? basis.Threshold,
        };
    }

    private ErrorRateAdaptation ErrorRate(SourceNode? node, string path, ErrorRateAdaptation basis)
    {
        if (Section(node, path, ErrorRateKeys) is not { } keys)
        {
            return basis;
        }

        var read = basis with
        {
            Threshold = PolicyValues.Positive(keys["threshold"], $"{path}.threshold", errors, atMostOne: true) ?? basis.Threshold,
            MinCalls = PolicyValues.Count(keys["min_calls"], $"{path}.min_calls", errors) ?? basis.MinCalls,
            Calls = PolicyValues.Count(keys["calls"], $"{path}.calls", errors) ?? basis.Calls,
            Window = Duration(keys["window"], $"{path}.window") ?? basis.Window,
            Ejection = Duration(keys["ejection"], $"{path}.ejection") ?? basis.Ejection,
            MaxEjection = Duration(keys["max_ejection"], $"{path}.max_ejection") ?? basis.MaxEjection,
            MaxEjected = PolicyValues.Positive(keys["max_ejected"], $"{path}.max_ejected", errors, atMostOne: true) ?? basis.MaxEjected,
        };
        if (read.MinCalls > read.Calls)
        {
            errors.Add(node!.Position, null, ErrorCodes.InvalidPolicyValue,
                $"'{path}.min_calls' ({read.MinCalls}) must be at most its 'calls' ({read.Calls}), the most recent calls it judges");
            return basis;
        }

        if (read.MaxEjection < read.Ejection)
        {
            errors.Add(node!.Position, null, ErrorCodes.InvalidPolicyValue,
                $"'{path}.max_ejection' ({DurationText.Words(read.MaxEjection)}) must be at least its 'ejection' ({DurationText.Words(read.Ejection)})");
            return basis;
        }

        return read;
    }

    private LoadAdaptation Load(SourceNode? node, string path, LoadAdaptation basis)
    {
        if (Section(node, path, LoadKeys) is not { } keys)
        {
            return basis;
        }

        var tolerance = Multiple(keys["tolerance"], $"{path}.tolerance", "how many times its fastest latency a service may show before its limit falls");
        var read = basis with
        {
            InitialLimit = PolicyValues.Count(keys["initial_limit"], $"{path}.initial_limit", errors) ?? basis.InitialLimit,
            MinLimit = PolicyValues.Count(keys["min_limit"], $"{path}.min_limit", errors) ?? basis.MinLimit,
            MaxLimit = PolicyValues.Count(keys["max_limit"], $"{path}.max_limit", errors) ?? basis.MaxLimit,
            Tolerance = tolerance ?? basis.Tolerance,
        };
        if (read.MinLimit > read.InitialLimit || read.InitialLimit > read.MaxLimit)
        {
            errors.Add(node!.Position, null, ErrorCodes.InvalidPolicyValue,
                $"'{path}' must have min_limit ≤ initial_limit ≤ max_limit (it has {read.MinLimit}, {read.InitialLimit} and {read.MaxLimit})");
            return basis;
        }

        return read;
    }

    private KeyedEntries? Section(SourceNode? node, string path, string[] keys)
    {
        switch (node)
        {
            case null or SourceScalar { Kind: ScalarKind.Null }:
                return null;
            case SourceMapping mapping:
                return new KeyedEntries(mapping, keys, null, errors, path);
            default:
                errors.Add(node.Position, null, ErrorCodes.WrongType, $"'{path}' must be a mapping of {string.Join(", ", keys)}, not {node.KindName}");
                return null;
        }
    }

    // A duration reads as 0 or less only as an error (DurationText refuses both).
    private TimeSpan? Duration(SourceNode? node, string path) => DurationReader.Read(node, path, null, errors);

    // A factor over a measured value: above 1, or it would trigger on the value itself.
    private double? Multiple(SourceNode? node, string path, string meaning)
    {
        var factor = PolicyValues.Positive(node, path, errors);
        if (factor is <= 1)
        {
            errors.Add(node!.Position, null, ErrorCodes.InvalidPolicyValue, $"'{path}' must be above 1 (it is {factor}): it is {meaning}");
            return null;
        }

        return factor;
    }
}
