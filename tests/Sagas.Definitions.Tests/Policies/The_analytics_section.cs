using Sagas.Definitions.Policies;

namespace Sagas.Definitions.Tests.Policies;

public class The_analytics_section
{
    [Fact]
    public void Is_read_as_users_write_it()
    {
        var policies = LoadPolicies.ValidYaml("""
            orchestration:
              analytics: { enabled: true, metrics: [latency, success_rate] }
            """);

        Assert.True(policies.Analytics.Enabled);
        Assert.Equal([AnalyticsMetric.Latency, AnalyticsMetric.SuccessRate], policies.Analytics.Metrics.Order());
    }

    [Fact]
    public void Is_on_with_every_metric_when_the_file_says_nothing()
    {
        var policies = LoadPolicies.ValidYaml("""
            orchestration:
              policies: []
            """);

        Assert.True(policies.Analytics.Enabled);
        Assert.Equal(Enum.GetValues<AnalyticsMetric>(), policies.Analytics.Metrics.Order());
        Assert.Same(AnalyticsPolicy.Default, PolicyFile.Empty.Analytics);
    }

    [Fact]
    public void Can_be_turned_off()
    {
        Assert.False(LoadPolicies.ValidYaml("""
            orchestration:
              analytics:
                enabled: false
            """).Analytics.Enabled);
    }

    [Fact]
    public void An_unknown_metric_is_an_error_with_its_line_and_the_name_it_may_have_meant()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              analytics:
                metrics:
                  - latency
                  - succes_rate
            """);

        Assert.Equal(
            (ErrorCodes.InvalidPolicyValue, 5, "'orchestration.analytics.metrics[1]' must be latency, success_rate or failures, not 'succes_rate' (did you mean 'success_rate'?)"),
            error);
    }

    [Fact]
    public void An_unknown_key_is_an_error_with_its_line()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              analytics:
                enabled: true
                retention: 30d
            """);

        Assert.Equal(4, error.Line);
        Assert.Contains("retention", error.Message, StringComparison.Ordinal);
    }
}
