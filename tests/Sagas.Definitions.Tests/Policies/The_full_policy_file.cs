using Sagas.Definitions.Model;
using Sagas.Definitions.Policies;

namespace Sagas.Definitions.Tests.Policies;

public class The_full_policy_file
{
    private const string Full = """
        orchestration:
          policies:
            - name: failover
              enabled: true
            - name: load_balancing
              algorithm: round_robin
              enabled: true
            - name: retry
              max_attempts: 5
              backoff: exponential
            - name: circuit_breaker
              failure_ratio: 0.5
              window: 30s
              break_for: 15s
              minimum_calls: 5
              when_open: failover
              enabled: true
            - name: limits
              max_in_flight: 50
              max_per_second: 200
            - name: dependency_resolution
              on_unresolved: needs_attention
          services:
            payment:
              endpoints:
                - name: payment-eu
                  weight: 3
                - payment-us
              alternates: [payment-backup]
              policies:
                - name: circuit_breaker
                  failure_ratio: 0.5
          workflows:
            order-fulfilment:
              policies:
                - name: retry
                  max_attempts: 2
        """;

    private readonly PolicyFile _policies = LoadPolicies.ValidYaml(Full);

    [Fact]
    public void Reads_every_default_with_the_line_of_its_entry()
    {
        var defaults = _policies.Defaults;

        Assert.Equal(new FailoverPolicy(true, 3), defaults.Failover);
        Assert.Equal(new LoadBalancingPolicy(true, BalancingAlgorithm.RoundRobin, 5), defaults.LoadBalancing);
        Assert.Equal(new StepRetry { MaxAttempts = 5, Backoff = RetryBackoff.Exponential, Line = 8 }, defaults.Retry);
        Assert.Equal(
            new CircuitBreakerPolicy
            {
                Enabled = true,
                FailureRatio = 0.5,
                Window = TimeSpan.FromSeconds(30),
                BreakFor = TimeSpan.FromSeconds(15),
                MinimumCalls = 5,
                WhenOpen = CircuitOpenAction.Failover,
                Line = 11,
            },
            defaults.CircuitBreaker);
        Assert.Equal(new LimitsPolicy { MaxInFlight = 50, MaxPerSecond = 200, Line = 18 }, defaults.Limits);
        Assert.Equal(new DependencyPolicy(UnresolvedInputAction.NeedsAttention, 21), defaults.Dependencies);
    }

    [Fact]
    public void Reads_a_service_with_its_endpoints_alternates_and_policies()
    {
        var payment = Assert.Single(_policies.Services).Value;

        Assert.Equal(("payment", 24), (payment.Service, payment.Line));
        Assert.Equal([new ServiceEndpoint("payment-eu", 3, 26), new ServiceEndpoint("payment-us", 1, 28)], payment.Endpoints);
        Assert.Equal(["payment-backup"], payment.Alternates);
        Assert.Equal(new PolicyScope { CircuitBreaker = new CircuitBreakerPolicy { FailureRatio = 0.5, Line = 31 } }, payment.Policies);
    }

    [Fact]
    public void Reads_a_workflow_s_policies()
    {
        var (id, scope) = Assert.Single(_policies.Workflows);

        Assert.Equal("order-fulfilment", id);
        Assert.Equal(new PolicyScope { Retry = new StepRetry { MaxAttempts = 2, Line = 36 } }, scope);
    }

    [Fact]
    public void Names_the_file_it_came_from()
    {
        Assert.Equal("policies.yaml", _policies.File);
    }

    [Fact]
    public void Reads_the_same_file_written_as_json()
    {
        var result = new PolicyFileLoader().Load("policies.json", """
            {
              "orchestration": {
                "policies": [{ "name": "failover", "enabled": false }],
                "services": { "payment": { "alternates": ["payment-backup"] }, "payment-backup": {} }
              }
            }
            """u8);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(new FailoverPolicy(false, 3), result.Policies!.Defaults.Failover);
        Assert.Equal(["payment", "payment-backup"], result.Policies.Services.Keys);
    }
}
