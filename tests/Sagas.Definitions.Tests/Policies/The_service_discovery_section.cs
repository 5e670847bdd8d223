using Sagas.Definitions.Policies;

namespace Sagas.Definitions.Tests.Policies;

public class The_service_discovery_section
{
    [Fact]
    public void Is_read_as_users_write_it_with_the_broker()
    {
        var policies = LoadPolicies.ValidYaml("""
            orchestration:
              service_discovery: { type: "broker", refresh_interval: 10s, health_check: false }
            """);

        Assert.Equal(DiscoveryType.Broker, policies.Discovery.Type);
        Assert.Equal(TimeSpan.FromSeconds(10), policies.Discovery.RefreshInterval);
        Assert.False(policies.Discovery.HealthCheck);
        Assert.True(policies.Discovery.Enabled);
    }

    [Fact]
    public void Is_on_through_the_broker_every_30_s_with_health_checks_when_the_file_says_nothing()
    {
        var policies = LoadPolicies.ValidYaml("""
            orchestration:
              policies: []
            """);

        Assert.Same(DiscoveryPolicy.Default, policies.Discovery);
        Assert.Equal((DiscoveryType.Broker, TimeSpan.FromSeconds(30), true, true),
            (DiscoveryPolicy.Default.Type, DiscoveryPolicy.Default.RefreshInterval, DiscoveryPolicy.Default.HealthCheck, DiscoveryPolicy.Default.Enabled));
    }

    [Fact]
    public void Consul_is_refused_with_the_reason_and_what_to_use_instead()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              service_discovery: { type: "consul", refresh_interval: 30s, health_check: true }
            """);

        Assert.Equal(ErrorCodes.UnsupportedDiscovery, error.Code);
        Assert.Equal(2, error.Line);
        Assert.Equal(
            "'orchestration.service_discovery.type: consul' is not available: there is no Consul agent or client on the machines Sagas supports. "
            + "Use 'broker' (the default): instances register through RabbitMQ and PostgreSQL, which Sagas already runs on",
            error.Message);
    }

    [Fact]
    public void An_unknown_type_is_an_error_naming_the_one_there_is()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              service_discovery:
                type: etcd
            """);

        Assert.Equal(
            (ErrorCodes.InvalidPolicyValue, 3, "'orchestration.service_discovery.type' must be 'broker' (or 'consul', which is not available here), not 'etcd'"),
            error);
    }

    [Theory]
    [InlineData("refresh_interval: 500ms", ErrorCodes.InvalidPolicyValue, "'orchestration.service_discovery.refresh_interval' must be at least 1s (it is 500")]
    [InlineData("refresh_interval: soon", ErrorCodes.InvalidDuration, "'orchestration.service_discovery.refresh_interval' is not a valid duration")]
    [InlineData("health_check: maybe", ErrorCodes.InvalidPolicyValue, "'orchestration.service_discovery.health_check'")]
    [InlineData("ttl: 5s", ErrorCodes.UnknownKey, "ttl")]
    public void A_wrong_setting_is_an_error_with_its_line(string setting, string code, string start)
    {
        var error = LoadPolicies.SingleError($"""
            orchestration:
              service_discovery:
                {setting}
            """);

        Assert.Equal((code, 3), (error.Code, error.Line));
        Assert.Contains(start, error.Message, StringComparison.Ordinal);
    }
}
