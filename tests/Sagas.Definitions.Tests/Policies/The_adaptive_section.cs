using Sagas.Definitions.Policies;

namespace Sagas.Definitions.Tests.Policies;

public class The_adaptive_section
{
    [Fact]
    public void Is_read_as_users_write_it_with_every_trigger()
    {
        var policies = LoadPolicies.ValidYaml("""
            orchestration:
              adaptive: { enabled: true, triggers: ["load", "latency", "error_rate"] }
            """);

        Assert.True(policies.Adaptive.On(AdaptiveTrigger.Load));
        Assert.True(policies.Adaptive.On(AdaptiveTrigger.Latency));
        Assert.True(policies.Adaptive.On(AdaptiveTrigger.ErrorRate));
        Assert.Equal(new ErrorRateAdaptation(), policies.Adaptive.ErrorRate);
    }

    [Fact]
    public void Adapts_nothing_when_the_file_says_nothing()
    {
        var policies = LoadPolicies.ValidYaml("""
            orchestration:
              policies: []
            """);

        Assert.Same(AdaptivePolicy.Off, policies.Adaptive);
        Assert.All(Enum.GetValues<AdaptiveTrigger>(), trigger => Assert.False(policies.Adaptive.On(trigger)));
    }

    [Fact]
    public void A_service_section_goes_over_the_global_one_key_by_key()
    {
        var policies = LoadPolicies.ValidYaml("""
            orchestration:
              adaptive:
                triggers: [latency, error_rate]
                error_rate: { threshold: 0.3, min_calls: 20, ejection: 10s }
              services:
                payment:
                  adaptive:
                    error_rate: { min_calls: 5 }
                shipping:
                  adaptive: { enabled: false }
                email: {}
            """);

        var payment = policies.Services["payment"].Adaptive!;
        Assert.Equal(new HashSet<AdaptiveTrigger> { AdaptiveTrigger.Latency, AdaptiveTrigger.ErrorRate }, payment.Triggers);
        Assert.Equal((0.3, 5, TimeSpan.FromSeconds(10)), (payment.ErrorRate.Threshold, payment.ErrorRate.MinCalls, payment.ErrorRate.Ejection));
        Assert.False(policies.Services["shipping"].Adaptive!.On(AdaptiveTrigger.Latency));
        Assert.Null(policies.Services["email"].Adaptive);
        Assert.False(policies.Adaptive.On(AdaptiveTrigger.Load));
    }

    [Theory]
    [InlineData("triggers: [cpu]", 3, ErrorCodes.InvalidPolicyValue, "'orchestration.adaptive.triggers[0]'")]
    [InlineData("latency: { threshold: 1 }", 3, ErrorCodes.InvalidPolicyValue, "'orchestration.adaptive.latency.threshold' must be above 1")]
    [InlineData("latency: { decay: soon }", 3, ErrorCodes.InvalidDuration, "'orchestration.adaptive.latency.decay' is not a valid duration")]
    [InlineData("error_rate: { threshold: 1.5 }", 3, ErrorCodes.InvalidPolicyValue, "'orchestration.adaptive.error_rate.threshold'")]
    [InlineData("error_rate: { min_calls: 30, calls: 20 }", 3, ErrorCodes.InvalidPolicyValue, "'orchestration.adaptive.error_rate.min_calls' (30) must be at most its 'calls' (20)")]
    [InlineData("error_rate: { ejection: 1m, max_ejection: 30s }", 3, ErrorCodes.InvalidPolicyValue, "'orchestration.adaptive.error_rate.max_ejection' (30 s) must be at least its 'ejection' (1 min)")]
    [InlineData("load: { initial_limit: 50, max_limit: 10 }", 3, ErrorCodes.InvalidPolicyValue, "must have min_limit ≤ initial_limit ≤ max_limit (it has 1, 50 and 10)")]
    [InlineData("load: { tolerance: 0.5 }", 3, ErrorCodes.InvalidPolicyValue, "'orchestration.adaptive.load.tolerance' must be above 1")]
    [InlineData("outlier: {}", 3, ErrorCodes.UnknownKey, "outlier")]
    public void A_wrong_setting_is_an_error_with_its_line(string setting, int line, string code, string part)
    {
        var error = LoadPolicies.SingleError($"""
            orchestration:
              adaptive:
                {setting}
            """);

        Assert.Equal((code, line), (error.Code, error.Line));
        Assert.Contains(part, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_service_setting_names_the_service()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              services:
                payment:
                  adaptive: { error_rate: { max_ejected: 0 } }
            """);

        Assert.Equal((ErrorCodes.InvalidPolicyValue, 4), (error.Code, error.Line));
        Assert.Contains("'orchestration.services.payment.adaptive.error_rate.max_ejected'", error.Message, StringComparison.Ordinal);
    }
}
