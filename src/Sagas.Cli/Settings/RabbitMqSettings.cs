namespace Sagas.Cli.Settings;

/// <summary><c>Sagas:RabbitMq</c>: the broker. The guest account works over loopback only.</summary>
public sealed class RabbitMqSettings
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 5672;

    /// <summary>Port of the management UI and HTTP API.</summary>
    public int ManagementPort { get; set; } = 15672;

    public string VirtualHost { get; set; } = "/";

    public string Username { get; set; } = "guest";

    public string Password { get; set; } = "guest";

    /// <summary>Messages each endpoint takes from its queue ahead, and handles at once.</summary>
    public int PrefetchCount { get; set; } = 32;

    public string ManagementUrl => $"http://{Host}:{ManagementPort}/";

    /// <summary>Where the broker is, without the password, for messages.</summary>
    public string Describe() => $"amqp://{Username}@{Host}:{Port}/ (vhost '{VirtualHost}')";
}
