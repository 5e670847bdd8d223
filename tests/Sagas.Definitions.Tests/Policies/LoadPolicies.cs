using System.Text;
using Sagas.Definitions.Policies;

namespace Sagas.Definitions.Tests.Policies;

/// <summary>Loads policy text the way the hosts load the file: bytes under a display name.</summary>
internal static class LoadPolicies
{
    public static PolicyLoadResult Yaml(string text, string file = "policies.yaml") =>
        new PolicyFileLoader().Load(file, Encoding.UTF8.GetBytes(text));

    public static PolicyFile ValidYaml(string text, string file = "policies.yaml")
    {
        var result = Yaml(text, file);
        Assert.True(result.IsValid, "expected valid policies, got:\n" + string.Join("\n", result.Errors));
        return result.Policies!;
    }

    /// <summary>The one error of a file, as (code, line, message).</summary>
    public static (string Code, int Line, string Message) SingleError(string text)
    {
        var error = Assert.Single(Yaml(text).Errors);
        Assert.Null(error.StepId);
        return (error.Code, error.Line, error.Message);
    }

    public static IEnumerable<(string Code, int Line)> CodesAndLines(this PolicyLoadResult result) =>
        result.Errors.Select(e => (e.Code, e.Line));

    public static DefinitionError Only(this PolicyLoadResult result) => Assert.Single(result.Errors);
}
