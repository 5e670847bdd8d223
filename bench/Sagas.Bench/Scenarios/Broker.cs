using RabbitMQ.Client;

namespace Sagas.Bench.Scenarios;

/// <summary>Plain RabbitMQ connections for the harness's own client and listener.</summary>
internal static class Broker
{
    public static Task<IConnection> ConnectAsync(BenchSettings settings, string name) =>
        new ConnectionFactory
        {
            HostName = settings.RabbitHost,
            Port = settings.RabbitPort,
            VirtualHost = settings.RabbitVirtualHost,
            UserName = settings.RabbitUser,
            Password = settings.RabbitPassword,
            ClientProvidedName = name,
        }.CreateConnectionAsync();
}
