namespace Sagas.Definitions.Tests.Validation;

public class When_the_version_is_invalid
{
    [Theory]
    [InlineData("0", "'0'")]
    [InlineData("-1", "'-1'")]
    [InlineData("one", "'one'")]
    [InlineData("\"1\"", "'1'")]
    [InlineData("1.5", "'1.5'")]
    [InlineData("1.0", "'1.0'")]
    [InlineData("[1]", "a list")]
    public void Reports_invalid_version_at_its_line(string version, string described)
    {
        var result = Load.Yaml($"""
            id: w
            description: versions start at 1
            version: {version}
            steps:
              - id: a
                service: s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.InvalidVersion, 3, 10, null), (error.Code, error.Line, error.Column, error.StepId));
        Assert.Equal($"'version' must be a whole number from 1, not {described}", error.Message);
    }

    [Fact]
    public void Reports_a_missing_version_and_a_missing_id_at_the_start_of_the_workflow()
    {
        var result = Load.Yaml("""
            description: nameless
            steps:
              - id: a
                service: s
            """);

        Assert.Equal(
            [(ErrorCodes.MissingKey, 1, "missing 'id'"), (ErrorCodes.MissingKey, 1, "missing 'version' (a whole number from 1)")],
            result.Errors.Select(e => (e.Code, e.Line, e.Message)));
    }
}
