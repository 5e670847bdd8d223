namespace Sagas.Definitions.Tests.Validation;

/// <summary>A step's <c>switch:</c> is checked with the definition: every mistake names its file, line and step.</summary>
public sealed class When_a_switch_is_invalid
{
    [Fact]
    public void A_valid_switch_loads_with_its_default_as_the_steps_service()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            input:
              region: string
            steps:
              - id: pay
                compensate: { service: payment }
                switch:
                  cases:
                    - name: europe
                      when: $.input.region == "eu"
                      service: payment-eu
                      compensate: { service: refunds-eu }
                    - name: asia
                      when: $.input.region == "asia"
                      service: payment-asia
                  default:
                    service: payment
            """);

        var step = Assert.Single(definition.Steps);
        Assert.Equal("payment", step.Service);
        Assert.Equal(["payment-eu", "payment-asia", "payment"], step.Services);
        Assert.Equal(("europe", 10), (step.Switch!.Cases[0].Name, step.Switch.Cases[0].Line));
        // Its own compensation, else the step's, which follows the case to the service that did the work.
        Assert.Equal("refunds-eu", step.ForCase("europe").Compensation!.Service);
        Assert.Equal("payment-asia", step.ForCase("asia").Compensation!.Service);
        Assert.Equal("payment", step.ForCase("default").Compensation!.Service);
    }

    [Fact]
    public void A_step_with_a_switch_names_no_service_of_its_own()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: pay
                service: payment
                switch:
                  cases:
                    - { name: a, when: "true", service: payment-a }
                  default: { service: payment-b }
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.SwitchWithService, 5, "pay"), (error.Code, error.Line, error.StepId));
        Assert.Contains("move 'service: payment' into 'switch.default'", error.Message);
    }

    [Fact]
    public void A_switch_needs_cases_and_a_default()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: pay
                switch:
                  cases: []
              - id: ship
                switch:
                  default: { service: shipping }
            """);

        Assert.Equal(
            [(ErrorCodes.MissingKey, 6, "pay"), (ErrorCodes.EmptySwitch, 6, "pay"), (ErrorCodes.MissingKey, 9, "ship")],
            result.Errors.Select(e => (e.Code, e.Line, e.StepId)));
        Assert.Contains("switch.default", result.Errors[0].Message);
        Assert.Contains("switch.cases", result.Errors[2].Message);
    }

    [Fact]
    public void Each_case_needs_a_name_of_its_own_a_condition_and_a_service()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: pay
                switch:
                  cases:
                    - name: a
                      when: "true"
                      service: payment-a
                    - name: a
                      when: "false"
                      service: payment-b
                    - name: default
                      when: "true"
                      service: payment-c
                    - name: d
                      service: payment-d
                    - name: e
                      when: "true"
                  default: { service: payment }
            """);

        Assert.Equal(
            [
                (ErrorCodes.DuplicateCase, 10, "pay"),
                (ErrorCodes.InvalidName, 13, "pay"),
                (ErrorCodes.MissingKey, 16, "pay"),
                (ErrorCodes.MissingService, 18, "pay"),
            ],
            result.Errors.Select(e => (e.Code, e.Line, e.StepId)));
    }

    [Fact]
    public void A_cases_condition_and_input_are_checked_like_the_steps()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            input:
              amount: number
            steps:
              - id: screen
                service: fraud
              - id: pay
                switch:
                  cases:
                    - name: review
                      when: $.steps.screen.output.score > = 1
                      service: manual-review
                    - name: big
                      when: $.input.amout > 100
                      service: manual-review
                      input: { score: $.steps.screen.output.score }
                  default:
                    service: payment
                    unknown: 1
            """, "pay.yaml");

        Assert.Equal(
            [
                (ErrorCodes.InvalidExpression, 12, "pay"),
                (ErrorCodes.UnknownInputField, 15, "pay"),
                (ErrorCodes.ReferenceNotUpstream, 17, "pay"),
                (ErrorCodes.UnknownKey, 20, "pay"),
            ],
            result.Errors.Select(e => (e.Code, e.Line, e.StepId)));
        Assert.StartsWith("pay.yaml:20:", result.Errors[3].ToString());
        Assert.Contains("switch.default.unknown", result.Errors[3].Message);
    }

    [Fact]
    public void A_switch_or_a_wait_written_with_no_value_leaves_the_step_needing_its_service()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: pay
                switch: ~
              - id: review
                wait_for:
            """);

        Assert.Equal([(ErrorCodes.MissingService, 4, "pay"), (ErrorCodes.MissingService, 6, "review")], result.Errors.Select(e => (e.Code, e.Line, e.StepId)));
    }

    [Fact]
    public void A_switch_must_be_a_mapping()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: pay
                switch: [a, b]
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.WrongType, 5, "pay"), (error.Code, error.Line, error.StepId));
    }
}
