using Sagas.Definitions.Policies;

namespace Sagas.Definitions.Tests.Policies;

public class An_empty_policy_file
{
    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("# nothing set yet\n")]
    [InlineData("orchestration: {}")]
    [InlineData("orchestration:")]
    [InlineData("orchestration:\n  policies: []\n  services: {}\n  workflows: {}")]
    public void Is_valid_and_sets_nothing(string text)
    {
        var policies = LoadPolicies.ValidYaml(text);

        Assert.Equal(PolicyScope.None, policies.Defaults);
        Assert.Empty(policies.Services);
        Assert.Empty(policies.Workflows);
    }

    [Fact]
    public void Declares_a_service_written_with_an_empty_mapping()
    {
        var policies = LoadPolicies.ValidYaml("orchestration:\n  services:\n    payment-backup: {}\n    archive:\n");

        Assert.Equal([("payment-backup", 3), ("archive", 4)], policies.Services.Values.Select(s => (s.Service, s.Line)));
        Assert.All(policies.Services.Values, s => Assert.Equal((0, 0, PolicyScope.None), (s.Endpoints.Count, s.Alternates.Count, s.Policies)));
    }

    [Fact]
    public void Leaves_the_circuit_breaker_s_unwritten_settings_at_their_defaults()
    {
        var policies = LoadPolicies.ValidYaml("orchestration:\n  policies:\n    - name: circuit_breaker\n");

        Assert.Equal(new CircuitBreakerPolicy { Line = 3 }, policies.Defaults.CircuitBreaker);
    }

    [Fact]
    public void Accepts_a_disabled_balancer_without_an_algorithm()
    {
        var policies = LoadPolicies.ValidYaml("orchestration:\n  policies:\n    - name: load_balancing\n      enabled: false\n");

        Assert.Equal(new LoadBalancingPolicy(false, BalancingAlgorithm.RoundRobin, 3), policies.Defaults.LoadBalancing);
    }
}
