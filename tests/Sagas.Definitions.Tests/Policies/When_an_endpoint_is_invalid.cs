namespace Sagas.Definitions.Tests.Policies;

public class When_an_endpoint_is_invalid
{
    [Fact]
    public void Reports_an_endpoint_name_that_is_not_a_queue_name()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              services:
                payment:
                  endpoints:
                    - payment-eu
                    - name: Payment US
            """);

        Assert.Equal(
            (ErrorCodes.InvalidEndpoint, 6,
                "'orchestration.services.payment.endpoints[1].name' must be a queue name of lower-case letters, digits, '.', '_' and '-' (at most 100), "
                + "starting with a letter or digit, not 'Payment US'"),
            error);
    }

    [Fact]
    public void Reports_an_endpoint_listed_twice_in_one_service()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              services:
                payment:
                  endpoints:
                    - name: payment-eu
                      weight: 2
                    - payment-us
                    - payment-eu
            """);

        Assert.Equal(
            (ErrorCodes.InvalidEndpoint, 8, "'orchestration.services.payment.endpoints[2]' repeats endpoint 'payment-eu' (first on line 5); list each queue once"),
            error);
    }

    [Fact]
    public void Allows_the_same_endpoint_name_in_two_services()
    {
        var policies = LoadPolicies.ValidYaml("""
            orchestration:
              services:
                payment:
                  endpoints: [shared]
                fraud:
                  endpoints: [shared]
            """);

        Assert.Equal(2, policies.Services.Count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData("heavy")]
    public void Reports_a_weight_that_is_not_a_whole_number_from_1(string weight)
    {
        var error = LoadPolicies.SingleError($"""
            orchestration:
              services:
                payment:
                  endpoints:
                    - name: payment-eu
                      weight: {weight}
            """);

        Assert.Equal(
            (ErrorCodes.InvalidEndpoint, 6, $"'orchestration.services.payment.endpoints[0].weight' must be a whole number from 1, not '{weight}'"),
            error);
    }

    [Fact]
    public void Reports_an_endpoint_that_is_neither_a_name_nor_a_mapping()
    {
        var result = LoadPolicies.Yaml("""
            orchestration:
              services:
                payment:
                  endpoints:
                    - 42
                    - [payment-eu]
                    - weight: 2
            """);

        Assert.Equal(
            [
                (ErrorCodes.InvalidEndpoint, 5, "'orchestration.services.payment.endpoints[0]' must be a queue name or a mapping with name and weight, not '42'"),
                (ErrorCodes.InvalidEndpoint, 6, "'orchestration.services.payment.endpoints[1]' must be a queue name or a mapping with name and weight, not a list"),
                (ErrorCodes.MissingKey, 7, "'orchestration.services.payment.endpoints[2]' has no 'name'; give the queue's name"),
            ],
            result.Errors.Select(e => (e.Code, e.Line, e.Message)));
    }
}
