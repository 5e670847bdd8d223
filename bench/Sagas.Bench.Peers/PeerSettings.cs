using Microsoft.Extensions.Configuration;

namespace Sagas.Bench.Peers;

/// <summary>
/// Where the peer runs, from the same <c>Sagas__…</c> variables a Sagas node reads, so the bench
/// points it at its broker and database the same way (it gives the peer a vhost and a database of its own).
/// </summary>
public sealed record PeerSettings
{
    public required string RabbitHost { get; init; }
    public required ushort RabbitPort { get; init; }
    public required string RabbitVirtualHost { get; init; }
    public required string RabbitUser { get; init; }
    public required string RabbitPassword { get; init; }
    public required int PrefetchCount { get; init; }
    public required string PostgresConnectionString { get; init; }

    public static PeerSettings From(IConfiguration configuration)
    {
        string Read(string key, string fallback) => configuration[$"Sagas:{key}"] is { Length: > 0 } value ? value : fallback;
        return new PeerSettings
        {
            RabbitHost = Read("RabbitMq:Host", "127.0.0.1"),
            RabbitPort = ushort.Parse(Read("RabbitMq:Port", "5672")),
            RabbitVirtualHost = Read("RabbitMq:VirtualHost", "sagas-bench-peers"),
            RabbitUser = Read("RabbitMq:Username", "guest"),
            RabbitPassword = Read("RabbitMq:Password", "guest"),
            PrefetchCount = int.Parse(Read("RabbitMq:PrefetchCount", "32")),
            PostgresConnectionString = Read("Postgres:ConnectionString",
                "Host=127.0.0.1;Port=5432;Database=sagas_bench_peers;Username=sagas;Password=sagas;SSL Mode=Disable"),
        };
    }
}
