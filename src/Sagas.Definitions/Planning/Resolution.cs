using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Sagas.Definitions.Planning;

/// <summary>A resolved mapping, or why it could not be resolved.</summary>
public sealed record Resolution(JsonObject? Value, string? Error)
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static Resolution Of(JsonObject value) => new(value, null);

    public static Resolution Failed(string error) => new(null, error);
}
