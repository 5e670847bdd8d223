using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Sagas.Cli.Infrastructure;

/// <summary>Opens a RabbitMQ connection for the CLI; an unreachable broker becomes one line naming it and the fix.</summary>
internal static class BrokerConnection
{
    public static async Task<IConnection> OpenAsync(RabbitMqSettings settings, string clientName, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            HostName = settings.Host,
            Port = settings.Port,
            VirtualHost = settings.VirtualHost,
            UserName = settings.Username,
            Password = settings.Password,
            ClientProvidedName = clientName,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
        };

        try
        {
            return await factory.CreateConnectionAsync(cancellationToken);
        }
        catch (BrokerUnreachableException e)
        {
            throw new UserErrorException($"cannot reach RabbitMQ at {settings.Describe()}: {Innermost(e)}; start it with 'scripts/services up'", e);
        }
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e.Message;
    }
}
