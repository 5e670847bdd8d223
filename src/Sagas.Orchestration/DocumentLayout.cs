using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Marten;
using Weasel.Core;

namespace Sagas.Orchestration;

/// <summary>
/// Where Sagas' documents lie in PostgreSQL, for the SQL that Marten's LINQ cannot write: each
/// document's table and the JSON key of each of its properties, as Marten maps them. The store
/// (<see cref="Persistence.WorkflowStore"/>) takes its schema and serialization from here, and a
/// document that wants a table name of its own says so on its type (<c>[DocumentAlias]</c>), so
/// the store and the SQL cannot disagree.
/// </summary>
/// <remarks>Read the names once (into static fields): the mapping is built on first use.</remarks>
public static class DocumentLayout
{
    public const string SchemaName = "sagas";

    private static readonly StoreOptions Conventions = ConventionsOnly();

    // The naming policy of Marten's own serializer, read from it rather than restated.
    private static readonly JsonNamingPolicy? DocumentNaming = NamingOf(Conventions);

    /// <summary>Sets the schema and the JSON serialization of a Sagas store.</summary>
    public static void ApplyTo(StoreOptions options)
    {
        options.DatabaseSchemaName = SchemaName;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, json =>
            json.TypeInfoResolver = (json.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(CompactWorkflowDocument.LeaveOutDefaults));
    }

    /// <summary>A document type's table with its schema (<c>sagas.mt_doc_workflowstate</c>).</summary>
    public static string TableOf<T>() => ((IReadOnlyStoreOptions)Conventions).Schema.For<T>();

    /// <summary>The key a document's property is stored under in its <c>data</c> (<c>status</c>).</summary>
    public static string KeyOf<T>(Expression<Func<T, object?>> property) => KeyOf(MemberOf(property), DocumentNaming);

    /// <summary>
    /// The key a message's property is stored under in a timer's or outbox row's body (the message
    /// as JSON with System.Text.Json's web defaults).
    /// </summary>
    public static string BodyKeyOf<T>(Expression<Func<T, object?>> property) =>
        KeyOf(MemberOf(property), JsonSerializerOptions.Web.PropertyNamingPolicy);

    private static StoreOptions ConventionsOnly()
    {
        var options = new StoreOptions();
        ApplyTo(options);
        return options;
    }

    private static JsonNamingPolicy? NamingOf(StoreOptions options)
    {
        JsonNamingPolicy? naming = null;
        ((Marten.Services.SystemTextJsonSerializer)options.Serializer()).Configure(json => naming = json.PropertyNamingPolicy);
        return naming;
    }

    private static string KeyOf(MemberInfo member, JsonNamingPolicy? naming) =>
        member.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? naming?.ConvertName(member.Name) ?? member.Name;

    private static MemberInfo MemberOf(LambdaExpression property) => property.Body switch
    {
        MemberExpression member => member.Member,
        UnaryExpression { Operand: MemberExpression member } => member.Member,
        _ => throw new ArgumentException($"'{property}' does not read a property", nameof(property)),
    };
}
