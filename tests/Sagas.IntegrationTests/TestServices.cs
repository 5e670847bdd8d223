using DotNet.Testcontainers.Builders;
using Microsoft.Extensions.Configuration;
using Sagas.Cli.Settings;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Sagas.IntegrationTests;

/// <summary>
/// Where the integration tests find RabbitMQ and PostgreSQL. <c>scripts/test</c> brings the
/// services up itself and says so (<c>SAGAS_TEST_SERVICES=environment</c>, with the test vhost
/// and database in <c>Sagas__…</c> variables). Run any other way, the tests start their own
/// containers with Testcontainers where a Docker engine answers, and otherwise fall back to the
/// services those variables (or the defaults) name.
/// </summary>
internal static class TestServices
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IConfiguration? _shared;

    /// <summary>Decided once per test run; every test sees the same services.</summary>
    public static async Task<IConfiguration> ConfigurationAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _shared ??= await CreateAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task<SagasSettings> SettingsAsync() => SettingsLoader.Load(await ConfigurationAsync());

    private static async Task<IConfiguration> CreateAsync()
    {
        var environment = SettingsLoader.BuildConfiguration();
        if (Environment.GetEnvironmentVariable("SAGAS_TEST_SERVICES") == "environment")
        {
            return environment;
        }

        try
        {
            return await StartContainersAsync(environment);
        }
        catch (DockerUnavailableException)
        {
            return environment;
        }
    }

    // The containers live as long as the test run; Testcontainers' reaper removes them after it.
    private static async Task<IConfiguration> StartContainersAsync(IConfiguration environment)
    {
        var rabbit = new RabbitMqBuilder("rabbitmq:3.13-management").WithPortBinding(15672, assignRandomHostPort: true).Build();
        var postgres = new PostgreSqlBuilder("postgres:16").Build();
        await Task.WhenAll(rabbit.StartAsync(), postgres.StartAsync());

        var amqp = new Uri(rabbit.GetConnectionString());
        var credentials = Uri.UnescapeDataString(amqp.UserInfo).Split(':', 2);
        return new ConfigurationBuilder()
            .AddConfiguration(environment)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sagas:RabbitMq:Host"] = amqp.Host,
                ["Sagas:RabbitMq:Port"] = amqp.Port.ToString(),
                ["Sagas:RabbitMq:ManagementPort"] = rabbit.GetMappedPublicPort(15672).ToString(),
                ["Sagas:RabbitMq:VirtualHost"] = "/",
                ["Sagas:RabbitMq:Username"] = credentials[0],
                ["Sagas:RabbitMq:Password"] = credentials.ElementAtOrDefault(1) ?? string.Empty,
                ["Sagas:Postgres:ConnectionString"] = postgres.GetConnectionString(),
            })
            .Build();
    }
}
