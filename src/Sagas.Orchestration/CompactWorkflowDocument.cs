using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration;

/// <summary>
/// Leaves out of a saga document what reading it back would restore anyway: null, false, zero,
/// and the collections a fresh <see cref="WorkflowState"/> and its parts start empty while they
/// are still empty.
/// </summary>
/// <remarks>
/// Most of a document's forty-odd fields are empty for most of a run, and it is written with every
/// step. Written in full, a <c>linear-5</c> document grew past PostgreSQL's 2 kB TOAST threshold
/// by its third step, so each later update was compressed (pglz: 13% of PostgreSQL's CPU flat out,
/// README, Benchmark) and every byte parsed into jsonb. Enums stay in (stored by name, the SQL
/// compares them), and so does anything outside the workflow's own namespace.
/// </remarks>
internal static class CompactWorkflowDocument
{
    public static void LeaveOutDefaults(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || type.Type.Namespace != typeof(WorkflowState).Namespace)
        {
            return;
        }

        var nullability = new NullabilityInfoContext();
        foreach (var property in type.Properties)
        {
            if (property.ShouldSerialize is null && IsDefaultTest(property, nullability) is { } isDefault)
            {
                property.ShouldSerialize = (_, value) => !isDefault(value);
            }
        }
    }

    private static Func<object?, bool>? IsDefaultTest(JsonPropertyInfo property, NullabilityInfoContext nullability)
    {
        var type = property.PropertyType;
        if (type.IsEnum)
        {
            return null;
        }

        if (type.IsValueType && Nullable.GetUnderlyingType(type) is null)
        {
            var defaultValue = Activator.CreateInstance(type);
            return value => Equals(value, defaultValue);
        }

        // An empty collection reads back as empty only where the type starts one itself: a
        // property that cannot be null (so it has an initializer), not a constructor's parameter.
        // Elsewhere (an output that may be null) empty and null mean different things.
        var startsEmpty = property.AssociatedParameter is null
            && property.AttributeProvider is PropertyInfo info
            && nullability.Create(info).ReadState == NullabilityState.NotNull;
        return startsEmpty
            ? value => value switch
            {
                null => true,
                JsonObject json => json.Count == 0,
                ICollection collection => collection.Count == 0,
                IReadOnlyCollection<object> items => items.Count == 0,
                _ => false,
            }
            : value => value is null;
    }
}
