using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.Cli.Settings;
using Sagas.Definitions.Loading;
using Sagas.Orchestration;
using Sagas.Samples.Services;

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

        if (roles.Orchestrator)
        {
            if (OrchestrationOptions.From(configuration).Problems() is [var problem, ..])
            {
                throw new UserErrorException($"invalid setting {problem}");
            }

            builder.AddSagasOrchestration(LoadDefinitions(settings.Definitions), settings.Postgres.ConnectionString);
        }

        if (roles.Services.Count > 0)
        {
            var samples = configuration.GetSection(SampleOptions.SectionName).Get<SampleOptions>() ?? new SampleOptions();
            builder.Services.AddSampleServices(samples);
        }

        builder.AddSagasBus(settings.RabbitMq, roles);
        return builder.Build();
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
