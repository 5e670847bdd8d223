using Sagas.Definitions.Loading;
using Sagas.Orchestration.Adaptation;
using Sagas.Orchestration.Discovery;
using Sagas.Orchestration.Policies;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// What every decider reads besides the workflow's state: the definitions loaded, the settings and
/// policies in force, the time, the jitter draw, and this node's view of each service (its circuit,
/// its balancer, its instances and its adaptations). Nothing here reaches a broker or a database.
/// </summary>
/// <remarks>
/// The circuits and balancers answer a question asked again under the same decision key (a saga
/// message retried after a lost race) as they did the first time, so a decision that did not
/// commit and is taken again counts nothing twice (see <see cref="RecentDecisions{T}"/>).
/// </remarks>
public sealed class DecisionContext(
    DefinitionCatalog catalog, OrchestrationOptions options, TimeProvider clock, PolicyBook policies, CircuitBreakers breakers, EndpointBalancers balancers,
    DiscoveredServices discovered, ServiceAdaptations adaptations)
{
    /// <summary>What this node observed of each instance, and the adaptations in force.</summary>
    public ServiceAdaptations Adaptations => adaptations;

    /// <summary>The registry as this node last read it, and its spread over instances.</summary>
    public DiscoveredServices Discovered => discovered;

    public DefinitionCatalog Catalog => catalog;

    public OrchestrationOptions Options => options;

    public PolicyBook Policies => policies;

    public CircuitBreakers Breakers => breakers;

    public EndpointBalancers Balancers => balancers;

    /// <summary>The jitter draw for retry delays; tests replace it to make delays exact.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    public DateTimeOffset Now => clock.GetUtcNow();
}
