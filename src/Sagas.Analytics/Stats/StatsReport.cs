using System.Text.Json.Serialization;
namespace Sagas.Analytics.Stats;

/// <summary>
/// The answer of <c>sagas stats</c> (and, later, of the HTTP API). <see cref="Degraded"/> says the
/// projections are behind or stopped and the figures come from the basic monitoring that still
/// works (the saga documents), with <see cref="Reason"/>.
/// </summary>
public sealed record StatsReport
{
    /// <summary>The start of the first bucket read: with hour buckets, up to an hour before the window asked for.</summary>
    public required DateTimeOffset Since { get; init; }

    public required DateTimeOffset Until { get; init; }

    public bool Degraded { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Reason { get; init; }

    public IReadOnlyList<DefinitionStats> Definitions { get; init; } = [];

    public IReadOnlyList<ServiceStats> Services { get; init; } = [];
}
