using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Sagas.Definitions.Building;
using Sagas.Definitions.Policies;
using Sagas.Definitions.Schema;
using Sagas.Definitions.Source;
using Sagas.Samples;
using Sagas.Testing;

namespace Sagas.Definitions.Tests.Schema;

/// <summary>
/// The schemas editors use say what the validator says: every sample, bench and example file
/// passes both, every structural mistake fails both, and each object in a schema has exactly the
/// keys its reader takes, so a key added to the language without its schema fails here.
/// </summary>
public sealed class When_files_are_checked_against_the_schemas
{
    private static readonly JsonSchema DefinitionSchema = SchemaCheck.DefinitionSchema;
    private static readonly JsonSchema PolicySchema = JsonSchema.FromText(DefinitionSchemas.Policies);

    public static TheoryData<string> DefinitionFiles()
    {
        var root = RepositoryRoot.Path;
        return [.. Directory.GetFiles(SampleDefinitions.Folder).Where(f => !f.EndsWith("policies.yaml", StringComparison.Ordinal))
            .Concat(Directory.GetFiles(Path.Combine(root, "bench", "definitions")))];
    }

    [Theory]
    [MemberData(nameof(DefinitionFiles))]
    public void Every_sample_and_bench_definition_passes_the_schema_and_the_validator(string file)
    {
        Load.Valid(new Loading.DefinitionLoader().LoadFile(file));
        AssertValid(DefinitionSchema, Read(file), file);
    }

    [Fact]
    public void Every_policy_file_passes_the_schema_and_the_validator()
    {
        foreach (var file in new[] { Path.Combine(SampleDefinitions.Folder, "policies.yaml"), Path.Combine(RepositoryRoot.Path, "bench", "policies", "limits-and-balancing.yaml") })
        {
            Assert.True(new PolicyFileLoader().LoadFile(file).IsValid, file);
            AssertValid(PolicySchema, Read(file), file);
        }
    }

    [Theory]
    [InlineData("steps: [{ id: a, service: s, retries: 3 }]", "an unknown step key")]
    [InlineData("steps: [{ id: a }]", "a step without a service")]
    [InlineData("steps: [{ id: a, service: s, timeout: 30 }]", "a duration without a unit")]
    [InlineData("steps: [{ id: a, service: s, timeout: 2 days }]", "a duration in words")]
    [InlineData("steps: [{ id: a, service: s, join: all-done }]", "a join that is not one of the three")]
    [InlineData("steps: [{ id: a, service: s, when: [1] }]", "a condition that is a list")]
    [InlineData("steps: [{ id: a, service: s, retry: { backoff: linear } }]", "a backoff that does not exist")]
    [InlineData("steps: [{ id: a, service: S }]", "a service name with capitals")]
    [InlineData("steps: []", "no steps")]
    [InlineData("steps: [{ id: a, service: s, switch: { cases: [{ name: b, when: 'true', service: t }], default: { service: u } } }]", "a switch beside a service")]
    [InlineData("steps: [{ id: a, switch: { cases: [{ name: b, when: 'true', service: t }] } }]", "a switch without a default")]
    [InlineData("steps: [{ id: a, switch: { cases: [], default: { service: u } } }]", "a switch without cases")]
    [InlineData("steps: [{ id: a, switch: { cases: [{ name: b, service: t }], default: { service: u } } }]", "a case without a condition")]
    [InlineData("steps: [{ id: a, switch: { cases: [{ name: b, when: 'true', service: t }], default: { service: u, when: 'true' } } }]", "a default with a condition")]
    [InlineData("steps: [{ id: a, service: s, wait_for: { signal: approve, timeout: 1h } }]", "a wait beside a service")]
    [InlineData("steps: [{ id: a, wait_for: { signal: approve } }]", "a wait without a timeout")]
    [InlineData("steps: [{ id: a, wait_for: { signal: 'no spaces', timeout: 1h } }]", "a signal name with a space")]
    [InlineData("steps: [{ id: a, service: s, for_each: $.input.lines, on_item_failure: skip }]", "an item failure that is not fail or continue")]
    [InlineData("steps: [{ id: a, service: s, for_each: $.input.lines, max_parallel: 0 }]", "no item at a time")]
    [InlineData("input: { amount: money }\nsteps: [{ id: a, service: s }]", "an input type that does not exist")]
    public void A_structural_mistake_fails_both(string body, string mistake)
    {
        var yaml = $"id: w\nversion: 1\n{body}\n";

        Assert.False(Load.Yaml(yaml).IsValid, $"the validator let {mistake} through");
        Assert.False(SchemaCheck.Evaluate(DefinitionSchema, SchemaCheck.Document(yaml, json: false, out _)).IsValid, $"the schema let {mistake} through");
    }

    [Fact]
    public void Each_object_of_the_definition_schema_has_the_keys_its_reader_takes()
    {
        var schema = JsonNode.Parse(DefinitionSchemas.Definition)!;
        Assert.Equal(Sorted(DraftReader.WorkflowKeys), KeysOf(schema));
        Assert.Equal(Sorted(DraftReader.StepKeys), KeysOf(schema["$defs"]!["step"]!));
        Assert.Equal(Sorted(DraftReader.CompensationKeys), KeysOf(schema["$defs"]!["compensation"]!["oneOf"]![0]!));
        Assert.Equal(Sorted(SwitchReader.SwitchKeys), KeysOf(schema["$defs"]!["step"]!["properties"]!["switch"]!));
        Assert.Equal(Sorted(SwitchReader.CaseKeys), KeysOf(schema["$defs"]!["case"]!));
        Assert.Equal(Sorted(SwitchReader.DefaultKeys), KeysOf(schema["$defs"]!["defaultCase"]!));
        Assert.Equal(Sorted(WaitReader.Keys), KeysOf(schema["$defs"]!["step"]!["properties"]!["wait_for"]!));
        Assert.Equal(Sorted(RetryReader.Keys), KeysOf(schema["$defs"]!["retry"]!));
        Assert.Equal(Sorted(InputFieldReader.Keys), KeysOf(schema["properties"]!["input"]!["additionalProperties"]!["oneOf"]![1]!));
    }

    [Fact]
    public void Each_object_of_the_policy_schema_has_the_keys_its_reader_takes()
    {
        var schema = JsonNode.Parse(DefinitionSchemas.Policies)!;
        var orchestration = schema["properties"]!["orchestration"]!;
        Assert.Equal(Sorted(PolicyFileReader.OrchestrationKeys), KeysOf(orchestration));
        Assert.Equal(Sorted(PolicyFileReader.WorkflowKeys), KeysOf(orchestration["properties"]!["workflows"]!["additionalProperties"]!));
        Assert.Equal(Sorted(AnalyticsPolicyReader.Keys), KeysOf(orchestration["properties"]!["analytics"]!));
        Assert.Equal(Sorted(DiscoveryPolicyReader.Keys), KeysOf(orchestration["properties"]!["service_discovery"]!));
        Assert.Equal(Sorted(ServicePoliciesReader.ServiceKeys), KeysOf(schema["$defs"]!["service"]!));
        Assert.Equal(Sorted(AdaptivePolicyReader.Keys), KeysOf(schema["$defs"]!["adaptive"]!));
        Assert.Equal(Sorted(AdaptivePolicyReader.LatencyKeys), KeysOf(schema["$defs"]!["adaptive"]!["properties"]!["latency"]!));
        Assert.Equal(Sorted(AdaptivePolicyReader.ErrorRateKeys), KeysOf(schema["$defs"]!["adaptive"]!["properties"]!["error_rate"]!));
        Assert.Equal(Sorted(AdaptivePolicyReader.LoadKeys), KeysOf(schema["$defs"]!["adaptive"]!["properties"]!["load"]!));
        Assert.Equal(Sorted(ServicePoliciesReader.EndpointKeys), KeysOf(schema["$defs"]!["service"]!["properties"]!["endpoints"]!["items"]!["oneOf"]![1]!));

        var policies = schema["$defs"]!["policies"]!["items"]!["oneOf"]!.AsArray()
            .ToDictionary(p => p!["properties"]!["name"]!["const"]!.GetValue<string>(), p => KeysOf(p!));
        Assert.Equal(Sorted(PolicyListReader.KeysByName.Keys), Sorted(policies.Keys));
        Assert.All(PolicyListReader.KeysByName, policy => Assert.Equal(Sorted(policy.Value), policies[policy.Key]));
    }

    private static List<string> KeysOf(JsonNode node) => Sorted(node["properties"]!.AsObject().Select(p => p.Key));

    private static List<string> Sorted(IEnumerable<string> keys) => [.. keys.Order(StringComparer.Ordinal)];

    private static void AssertValid(JsonSchema schema, JsonNode? document, string file)
    {
        var result = SchemaCheck.Evaluate(schema, document);
        Assert.True(result.IsValid, $"{file}: {SchemaCheck.Describe(result)}");
    }

    private static JsonNode? Read(string file) => SchemaCheck.Document(File.ReadAllText(file), file.EndsWith(".json", StringComparison.Ordinal), out _);
}
