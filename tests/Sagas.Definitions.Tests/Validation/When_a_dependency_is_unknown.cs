namespace Sagas.Definitions.Tests.Validation;

public class When_a_dependency_is_unknown
{
    [Fact]
    public void Reports_it_at_the_line_of_the_dependency_with_the_closest_step_id()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: reserve-inventory
                service: inventory
              - id: charge-payment
                service: payment
                depends_on:
                  - reserve-inventry
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.UnknownDependency, 9, "charge-payment"), (error.Code, error.Line, error.StepId));
        Assert.Equal("depends on unknown step 'reserve-inventry' (did you mean 'reserve-inventory'?)", error.Message);
    }

    [Fact]
    public void Suggests_nothing_when_no_step_id_is_close()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: reserve-inventory
                service: inventory
              - id: charge-payment
                service: payment
                depends_on: [shipping-label]
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.UnknownDependency, 8, "charge-payment"), (error.Code, error.Line, error.StepId));
        Assert.DoesNotContain("did you mean", error.Message);
    }

    [Fact]
    public void Reports_a_dependency_listed_twice()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
              - id: b
                service: s
                depends_on: [a, a]
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.DuplicateDependency, 8, "b"), (error.Code, error.Line, error.StepId));
    }
}
