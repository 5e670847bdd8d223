using Sagas.Definitions.Loading;

namespace Sagas.Definitions.Tests.Schema;

/// <summary>
/// Every definition a test loads goes through the schema too (see <see cref="Load"/>): what the
/// validator takes, the schema must take; what the validator refuses for its shape, the schema
/// must refuse. Mistakes only the validator can see (a reference, a cycle, an expression, a
/// duplicate) are its own.
/// </summary>
internal static class SchemaAgreement
{
    // Mistakes of shape: a key, a type, a missing value, a word or pattern, a list that must not be empty.
    private static readonly HashSet<string> Structural =
    [
        ErrorCodes.UnknownKey, ErrorCodes.MissingStepId, ErrorCodes.MissingService, ErrorCodes.InvalidJoin, ErrorCodes.InvalidBackoff,
        ErrorCodes.EmptyWorkflow, ErrorCodes.InvalidInputType, ErrorCodes.SwitchWithService, ErrorCodes.EmptySwitch,
    ];

    public static void Check(string text, bool json, DefinitionLoadResult result)
    {
        var document = SchemaCheck.Document(text, json, out var readable);
        if (!readable)
        {
            return;
        }

        var verdict = SchemaCheck.Evaluate(SchemaCheck.DefinitionSchema, document);
        if (result.IsValid)
        {
            Assert.True(verdict.IsValid, $"the validator took this definition and the schema did not: {SchemaCheck.Describe(verdict)}\n{text}");
        }
        else if (result.Errors.FirstOrDefault(e => Structural.Contains(e.Code)) is { } shape)
        {
            Assert.False(verdict.IsValid, $"the validator refused this definition for its shape ({shape}) and the schema took it:\n{text}");
        }
    }
}
