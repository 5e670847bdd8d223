using System.Reflection;

namespace Sagas.Definitions.Schema;

/// <summary>
/// The JSON Schemas of definition files and of the policy file (<c>docs/schema/</c>, embedded here),
/// for editors: a YAML file that starts with <c># yaml-language-server: $schema=PATH</c> gets
/// completion and its structural mistakes marked as it is typed. Sagas' own validator remains the
/// judge: it checks what a schema cannot (references, the graph, expressions, policies in place).
/// </summary>
public static class DefinitionSchemas
{
    public static string Definition => Read("definition.schema.json");

    public static string Policies => Read("policies.schema.json");

    private static string Read(string name)
    {
        using var stream = typeof(DefinitionSchemas).Assembly.GetManifestResourceStream($"schema/{name}")
            ?? throw new InvalidOperationException($"the schema {name} is not embedded in {typeof(DefinitionSchemas).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
