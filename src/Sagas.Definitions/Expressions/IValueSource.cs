using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Expressions;

/// <summary>Where an expression's paths read from: a running workflow's values (<c>Planning.ProgressValues</c>).</summary>
public interface IValueSource
{
    /// <summary>The value (not a copy), or why it cannot be read.</summary>
    bool TryRead(ValueReference reference, out JsonNode? value, [NotNullWhen(false)] out string? error);

    /// <summary>Whether the value is there, even when it is null; a field left out is not.</summary>
    bool Exists(ValueReference reference);
}
