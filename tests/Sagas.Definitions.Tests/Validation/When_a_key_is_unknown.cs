namespace Sagas.Definitions.Tests.Validation;

public class When_a_key_is_unknown
{
    [Fact]
    public void Reports_a_misspelt_step_key_with_the_key_it_resembles()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
              - id: b
                service: s
                depend_on: [a]
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.UnknownKey, 8, 5, "b"), (error.Code, error.Line, error.Column, error.StepId));
        Assert.Equal(
            "unknown key 'depend_on' (did you mean 'depends_on'?); expected one of: id, service, description, depends_on, input, timeout, retry, compensate, alternates, when, join, switch, wait_for, for_each, max_parallel, on_item_failure, workflow, optional",
            error.Message);
    }

    [Fact]
    public void Reports_a_misspelt_workflow_key_without_a_step()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            descripton: typo
            steps:
              - id: a
                service: s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.UnknownKey, 3, null), (error.Code, error.Line, error.StepId));
        Assert.Contains("(did you mean 'description'?)", error.Message);
    }

    [Fact]
    public void Reports_a_misspelt_key_of_an_input_field()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            input:
              note:
                type: string
                requried: false
            steps:
              - id: a
                service: s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.UnknownKey, 6, null), (error.Code, error.Line, error.StepId));
        Assert.Contains("(did you mean 'required'?)", error.Message);
    }

    [Fact]
    public void Reports_a_misspelt_key_of_a_retry_block_with_the_step()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                retry:
                  max_attempt: 3
                  backof: fixed
            """);

        Assert.Equal(
            [
                (ErrorCodes.UnknownKey, 7, 7, "a", "unknown key 'max_attempt' (did you mean 'max_attempts'?); expected one of: max_attempts, backoff, delay, max_delay, jitter"),
                (ErrorCodes.UnknownKey, 8, 7, "a", "unknown key 'backof' (did you mean 'backoff'?); expected one of: max_attempts, backoff, delay, max_delay, jitter"),
            ],
            result.Errors.Select(e => (e.Code, e.Line, e.Column, e.StepId, e.Message)));
    }

    [Fact]
    public void Reports_a_misspelt_key_of_a_compensate_block_with_the_step()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                compensate:
                  service: s
                  inputs:
                    x: 1
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.UnknownKey, 8, 7, "a"), (error.Code, error.Line, error.Column, error.StepId));
        Assert.Equal("unknown key 'inputs' (did you mean 'input'?); expected one of: service, input", error.Message);
    }

    [Fact]
    public void Reports_a_misspelt_step_timeout()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                timeuot: 30s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.UnknownKey, 6, "a"), (error.Code, error.Line, error.StepId));
        Assert.Contains("(did you mean 'timeout'?)", error.Message);
    }

    [Fact]
    public void Suggests_nothing_for_a_key_unlike_any_known_one()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            timeout_seconds: 30
            steps:
              - id: a
                service: s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.UnknownKey, 3, null), (error.Code, error.Line, error.StepId));
        Assert.DoesNotContain("did you mean", error.Message);
    }
}
