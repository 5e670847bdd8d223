using Sagas.Definitions.Loading;
using Sagas.Definitions.Model;
using Sagas.Definitions.Policies;
using Sagas.Orchestration.Recovery;

namespace Sagas.Orchestration.Policies;

/// <summary>
/// Which policy applies where. The most specific scope that sets a policy wins: a step's own
/// settings in its definition, then its workflow's (<c>workflows:</c>), then its service's
/// (<c>services:</c>, or <c>Sagas:Orchestration:ServiceRetry</c> / <c>ServiceTimeout</c>), then
/// the defaults (<c>orchestration.policies</c>), then the built-in ones. A policy that cannot be
/// applied as written is reported as a <see cref="PolicyViolation"/> with the default used instead.
/// </summary>
public sealed class PolicyBook(PolicyFile file, OrchestrationOptions options, DefinitionCatalog catalog)
{
    private readonly Lazy<HashSet<string>> _knownServices = new(() => KnownServices(file, catalog));
    private readonly Lazy<bool> _adapts = new(() => file.Adaptive.Enabled || file.Services.Values.Any(s => s.Adaptive is { Enabled: true }));

    public PolicyFile File => file;

    public RetryPolicy RetryFor(string workflow, StepDefinition step, string service)
    {
        var policy = options.ServiceRetry.TryGetValue(service, out var configured)
            ? configured
            : Overlay(options.Retry, file.Defaults.Retry);
        policy = Overlay(policy, ServiceScope(service)?.Retry);
        policy = Overlay(policy, WorkflowScope(workflow)?.Retry);
        return Overlay(policy, step.Retry);
    }

    /// <summary>How long an attempt may go without a result; null: as long as it takes.</summary>
    public TimeSpan? TimeoutFor(StepDefinition step, string service) =>
        step.Timeout ?? (options.ServiceTimeout.TryGetValue(service, out var limit) ? limit : options.StepTimeout);

    /// <summary>How long an attempt to undo a step may go without a result: its service's limit, else the global one.</summary>
    public TimeSpan? TimeoutFor(string compensationService) =>
        options.ServiceTimeout.TryGetValue(compensationService, out var limit) ? limit : options.StepTimeout;

    /// <summary>
    /// The services a step may move to, in order, after its own: the step's
    /// <c>alternates</c>, else its service's. Empty when failover is off for the workflow. An
    /// alternate that names no known service breaks the policy: failover is then off for the step.
    /// </summary>
    public Resolved<IReadOnlyList<string>> AlternatesFor(string workflow, StepDefinition step)
    {
        var failover = WorkflowScope(workflow)?.Failover ?? ServiceScope(step.Service)?.Failover ?? file.Defaults.Failover;
        var alternates = step.Alternates.Count > 0 ? step.Alternates : file.Services.GetValueOrDefault(step.Service)?.Alternates ?? [];
        if (failover is { Enabled: false } || alternates.Count == 0)
        {
            return new([], null);
        }

        if (alternates.FirstOrDefault(a => !_knownServices.Value.Contains(a)) is { } unknown)
        {
            var where = step.Alternates.Count > 0 ? $"step '{step.Id}' of '{workflow}'" : $"service '{step.Service}' in {file.File}";
            return new([], new PolicyViolation(
                $"step {step.Id}",
                "failover",
                $"{where} fails over to '{unknown}', which no definition or policy names as a service",
                "no failover for this step"));
        }

        return new(alternates, null);
    }

    public CircuitBreakerPolicy? BreakerFor(string service) =>
        (ServiceScope(service)?.CircuitBreaker ?? file.Defaults.CircuitBreaker) is { Enabled: true } breaker ? breaker : null;

    /// <summary>
    /// The endpoints of a service and how to spread over them; null: its one queue, named after
    /// it. Endpoints with no balancing policy take turns; with balancing disabled, the first takes all.
    /// </summary>
    public (IReadOnlyList<ServiceEndpoint> Endpoints, BalancingAlgorithm Algorithm)? BalancingFor(string service)
    {
        var endpoints = file.Services.GetValueOrDefault(service)?.Endpoints ?? [];
        if (endpoints.Count == 0)
        {
            return null;
        }

        return (ServiceScope(service)?.LoadBalancing ?? file.Defaults.LoadBalancing) switch
        {
            null => (endpoints, BalancingAlgorithm.RoundRobin),
            { Enabled: true } balancing => (endpoints, balancing.Algorithm),
            _ => ([endpoints[0]], BalancingAlgorithm.RoundRobin),
        };
    }

    /// <summary>What the orchestrators adapt to for <paramref name="service"/>: its own <c>adaptive</c>, else the global one (off without the key).</summary>
    public AdaptivePolicy AdaptiveFor(string service) => file.Services.GetValueOrDefault(service)?.Adaptive ?? file.Adaptive;

    /// <summary>Whether anything adapts at all: without it, no step pays for observing its result.</summary>
    public bool Adapts => _adapts.Value;

    public LimitsPolicy? LimitsFor(string service) => ServiceScope(service)?.Limits ?? file.Defaults.Limits;

    /// <summary>Whether any service is limited: without limits, no step ever waits for admission.</summary>
    public bool HasLimits => file.Defaults.Limits is not null || file.Services.Values.Any(s => s.Policies.Limits is not null);

    public UnresolvedInputAction OnUnresolvedInput(string workflow) =>
        (WorkflowScope(workflow)?.Dependencies ?? file.Defaults.Dependencies)?.OnUnresolved ?? UnresolvedInputAction.Fail;

    private PolicyScope? ServiceScope(string service) => file.Services.GetValueOrDefault(service)?.Policies;

    private PolicyScope? WorkflowScope(string workflow) => file.Workflows.GetValueOrDefault(workflow);

    // Each value a scope leaves out keeps the one from the scope below; a delay above the maximum
    // below raises the maximum with it, as a step's retry always has.
    private static RetryPolicy Overlay(RetryPolicy policy, StepRetry? own) =>
        own is null
            ? policy
            : policy with
            {
                MaxAttempts = own.MaxAttempts ?? policy.MaxAttempts,
                Backoff = own.Backoff is { } backoff ? (backoff == RetryBackoff.Fixed ? Backoff.Fixed : Backoff.Exponential) : policy.Backoff,
                Delay = own.Delay ?? policy.Delay,
                MaxDelay = own.MaxDelay ?? (own.Delay > policy.MaxDelay ? own.Delay.Value : policy.MaxDelay),
                Jitter = own.Jitter ?? policy.Jitter,
            };

    private static HashSet<string> KnownServices(PolicyFile file, DefinitionCatalog catalog)
    {
        var known = new HashSet<string>(file.Services.Keys, StringComparer.Ordinal);
        foreach (var step in catalog.AllVersions().SelectMany(d => d.Steps))
        {
            known.UnionWith(step.Services);
            var compensations = step.Switch?.All.Select(c => c.Compensation).Append(step.Compensation) ?? [step.Compensation];
            known.UnionWith(compensations.OfType<CompensationDefinition>().Select(c => c.Service));
        }

        return known;
    }
}

/// <summary>A policy as it applies, and the violation that made it revert to the default, if any.</summary>
public sealed record Resolved<T>(T Value, PolicyViolation? Violation);

/// <summary>A policy that could not be applied as written: where, which, why, and what applies instead.</summary>
public sealed record PolicyViolation(string Scope, string Policy, string Reason, string RevertedTo);
