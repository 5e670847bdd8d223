using Sagas.Definitions.Model;

namespace Sagas.Definitions.Tests.Parsing;

/// <summary>JSON files read into the same model as YAML, with line numbers as exact as YAML's.</summary>
public class Json_definitions
{
    [Fact]
    public void Load_into_the_same_model_as_yaml()
    {
        var definition = Load.ValidJson("""
            {
              "id": "from-json",
              "version": 2,
              "input": { "orderId": "string", "note": { "type": "string", "required": false } },
              "steps": [
                { "id": "a", "service": "s", "input": { "orderId": "$.input.orderId", "count": 3, "rush": false } },
                { "id": "b", "service": "t", "depends_on": "a" }
              ],
              "output": { "done": "$.steps.b.output" }
            }
            """);

        Assert.Equal(("from-json", 2), (definition.Id, definition.Version));
        Assert.Equal([new InputField("orderId", JsonType.String, true), new InputField("note", JsonType.String, false)], definition.Input);
        Assert.Equal([6, 7], definition.Steps.Select(s => s.Line));
        Assert.Equal(["a"], definition.Steps[1].DependsOn);
    }

    [Fact]
    public void Read_timeout_retry_compensate_and_deadline_under_the_same_keys_as_yaml()
    {
        var definition = Load.ValidJson("""
            {
              "id": "w",
              "version": 1,
              "deadline": "10m",
              "input": { "orderId": "string" },
              "steps": [
                {
                  "id": "charge-payment",
                  "service": "payment",
                  "timeout": "30s",
                  "retry": { "max_attempts": 5, "backoff": "exponential", "delay": "200ms", "max_delay": "10s", "jitter": true },
                  "compensate": {
                    "service": "payment",
                    "input": { "paymentId": "$.steps.charge-payment.output.paymentId", "orderId": "$.input.orderId" }
                  }
                }
              ]
            }
            """);

        var step = definition.Steps[0];
        Assert.Equal((TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30)), (definition.Deadline, step.Timeout));
        Assert.Equal(
            new StepRetry
            {
                MaxAttempts = 5,
                Backoff = RetryBackoff.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(10),
                Jitter = true,
                Line = 11,
            },
            step.Retry);
        Assert.Equal(("payment", 12), (step.Compensation!.Service, step.Compensation.Line));
        Assert.Equal(["paymentId", "orderId"], step.Compensation.Input.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Report_retry_and_compensate_errors_at_their_lines_with_the_step()
    {
        var result = Load.Json("""
            {
              "id": "w",
              "version": 1,
              "steps": [
                { "id": "a", "service": "s" },
                {
                  "id": "b",
                  "service": "s",
                  "timeout": 30,
                  "retry": {
                    "max_attempts": 0,
                    "delay": "1s",
                    "max_delay": "500ms",
                    "jiter": true
                  },
                  "compensate": {
                    "input": { "x": "$.steps.a.output.x" }
                  }
                }
              ]
            }
            """);

        Assert.Equal(
            [
                (ErrorCodes.InvalidDuration, 9, "b"),
                (ErrorCodes.InvalidMaxAttempts, 11, "b"),
                (ErrorCodes.MaxDelayBelowDelay, 13, "b"),
                (ErrorCodes.UnknownKey, 14, "b"),
                (ErrorCodes.MissingService, 16, "b"),
                (ErrorCodes.ReferenceNotUpstream, 17, "b"),
            ],
            result.Errors.Select(e => (e.Code, e.Line, e.StepId)));
    }

    [Fact]
    public void Report_an_unknown_dependency_at_the_line_of_the_dependency()
    {
        var result = Load.Json("""
            {
              "id": "w",
              "version": 1,
              "steps": [
                { "id": "a", "service": "s" },
                {
                  "id": "b",
                  "service": "s",
                  "depends_on": ["a", "c"]
                }
              ]
            }
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.UnknownDependency, 9, "b"), (error.Code, error.Line, error.StepId));
    }

    [Fact]
    public void Report_an_unknown_key_at_its_line_and_column()
    {
        var result = Load.Json("""
            {
              "id": "w",
              "version": 1,
              "steps": [
                { "id": "a", "service": "s",
                  "inputs": {} }
              ]
            }
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.UnknownKey, 6, 7, "a"), (error.Code, error.Line, error.Column, error.StepId));
        Assert.Contains("did you mean 'input'?", error.Message);
    }

    [Fact]
    public void Report_a_reference_error_at_the_line_of_the_reference()
    {
        var result = Load.Json("""
            {
              "id": "w",
              "version": 1,
              "steps": [
                { "id": "a", "service": "s" },
                { "id": "b", "service": "s", "input": {
                    "x": "$.steps.a.output.x"
                } }
              ]
            }
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.ReferenceNotUpstream, 7, "b"), (error.Code, error.Line, error.StepId));
    }

    [Fact]
    public void Report_a_key_written_twice_at_the_second_one()
    {
        var result = Load.Json("""
            {
              "id": "w",
              "version": 1,
              "version": 2,
              "steps": [ { "id": "a", "service": "s" } ]
            }
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.DuplicateKey, 4, null), (error.Code, error.Line, error.StepId));
        Assert.Contains("first on line 3", error.Message);
    }

    [Fact]
    public void Report_malformed_json_at_the_line_of_the_problem()
    {
        var result = Load.Json("""
            {
              "id": "w",
              "version": 1
              "steps": []
            }
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("invalid-json", 4, null), (error.Code, error.Line, error.StepId));
    }

    [Fact]
    public void Accept_comments_and_trailing_commas()
    {
        var definition = Load.ValidJson("""
            {
              // a comment
              "id": "w",
              "version": 1,
              "steps": [ { "id": "a", "service": "s", }, ],
            }
            """);

        Assert.Equal(5, definition.Steps[0].Line);
    }

    [Fact]
    public void Are_read_as_json_by_extension_whatever_its_case()
    {
        var result = Load.Json("""{ "id": "w", "version": 1, "steps": [ { "id": "a", "service": "s" } ] }""", file: "UPPER.JSON");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }
}
