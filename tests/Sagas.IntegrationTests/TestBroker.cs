using RabbitMQ.Client;
using Sagas.Cli.Settings;

namespace Sagas.IntegrationTests;

/// <summary>
/// The RabbitMQ the tests run against, read from the same settings as the hosts
/// (scripts/test points them at the test vhost).
/// </summary>
internal static class TestBroker
{
    public static RabbitMqSettings Settings => SettingsLoader.Load(SettingsLoader.BuildConfiguration()).RabbitMq;

    public static async Task<IConnection> ConnectAsync()
    {
        var settings = Settings;
        var factory = new ConnectionFactory
        {
            HostName = settings.Host,
            Port = settings.Port,
            VirtualHost = settings.VirtualHost,
            UserName = settings.Username,
            Password = settings.Password,
            ClientProvidedName = "sagas integration tests",
        };
        return await factory.CreateConnectionAsync();
    }
}
