using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.Cli.Settings;
using Sagas.Definitions.Loading;
using Sagas.Definitions.Policies;
using Sagas.Orchestration;
using Sagas.Samples.Services;
using Sagas.Workers;
using Sagas.Workers.Nodes;

namespace Sagas.Cli.Node;

/// <summary>Builds a Sagas node: only wiring, each module through its own registration.</summary>
public static class NodeHost
{
    public static IHost Build(IConfiguration configuration, NodeRoles roles)
    {
        var settings = SettingsLoader.Load(configuration);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Sagas", LogLevel.Information);

        var policies = LoadPolicies(settings);
        if (roles.Orchestrator)
        {
            if (OrchestrationOptions.From(configuration).Problems() is [var problem, ..])
            {
                throw new UserErrorException($"invalid setting {problem}");
            }

            var catalog = LoadDefinitions(settings.Definitions);
            foreach (var warning in PolicyReferenceRules.Check(policies, catalog.AllVersions()))
            {
                // A running node forgives what 'sagas definitions validate' refuses: a policy naming
                // an unknown service is reverted, with an event, when a workflow meets it.
                Console.Error.WriteLine($"warning: {warning}");
            }

            builder.AddSagasOrchestration(catalog, settings.Postgres.ConnectionString, policies);
            builder.Services.AddSingleton<IDependencyProbe>(new PostgresProbe(settings.Postgres.ConnectionString));
        }

        if (roles.Services.Count > 0)
        {
            // A worker hosting a service also consumes the endpoints the policies give it.
            roles = roles.WithEndpoints(policies.Services.ToDictionary(
                p => p.Key, p => (IReadOnlyList<string>)[.. p.Value.Endpoints.Select(e => e.Name)]));
            var samples = configuration.GetSection(SampleOptions.SectionName).Get<SampleOptions>() ?? new SampleOptions();
            builder.Services.AddSampleServices(samples, settings.Postgres.ConnectionString);
            try
            {
                builder.Services.AddSagasWorkerResilience(configuration);
            }
            catch (InvalidOperationException e)
            {
                throw new UserErrorException(e.Message, e);
            }
        }

        builder.AddSagasBus(settings.RabbitMq, roles);
        if (roles.Orchestrator)
        {
            builder.Services.AddSagasOrchestrationJobs();
        }

        // After the bus: hosted services stop in reverse order, so the goodbye heartbeat leaves
        // while the bus still runs.
        try
        {
            builder.Services.AddSagasHeartbeats(configuration, NodeIdentity.For(
                [.. roles.Orchestrator ? ["orchestrator"] : Array.Empty<string>(), .. roles.Services.Count > 0 ? ["worker"] : Array.Empty<string>()],
                roles.Queues, settings.RabbitMq.PrefetchCount, DateTimeOffset.UtcNow));
        }
        catch (InvalidOperationException e)
        {
            throw new UserErrorException(e.Message);
        }

        return builder.Build();
    }

    /// <summary>The policy file must be valid before a node starts; all its errors are reported at once.</summary>
    public static PolicyFile LoadPolicies(SagasSettings settings)
    {
        var configured = settings.Policies.Path;
        if (configured == PoliciesSettings.None)
        {
            return PolicyFile.Empty;
        }

        var path = string.IsNullOrWhiteSpace(configured)
            ? Directory.Exists(settings.Definitions.ResolvedPath) ? DefinitionSet.PolicyFileIn(settings.Definitions.ResolvedPath) : null
            : Path.GetFullPath(configured);
        if (path is null)
        {
            return PolicyFile.Empty;
        }

        var loaded = new PolicyFileLoader(settings.Definitions.Limits).LoadFile(path);
        return loaded.Policies is { } policies && loaded.IsValid
            ? policies
            : throw new UserErrorException(
                $"the policies in {path} are invalid (setting Sagas:Policies:Path); fix them and start again:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", loaded.Errors)}");
    }

    /// <summary>Every definition must be valid before a node starts; all errors are reported at once.</summary>
    public static DefinitionCatalog LoadDefinitions(DefinitionsSettings settings)
    {
        var folder = settings.ResolvedPath;
        if (!Directory.Exists(folder))
        {
            throw new UserErrorException($"definitions folder '{folder}' does not exist (setting Sagas:Definitions:Path)");
        }

        var loaded = DefinitionSet.LoadFolder(folder, new DefinitionLoader(settings.Limits));
        if (!loaded.IsValid)
        {
            throw new UserErrorException(
                $"the definitions in {folder} are invalid; fix them and start again:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", loaded.Errors)}");
        }

        return loaded.Catalog;
    }
}
