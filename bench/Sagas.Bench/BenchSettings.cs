namespace Sagas.Bench;

/// <summary>
/// Where the benchmark runs, from the same <c>Sagas__…</c> variables as the nodes it starts
/// (scripts/bench points them at the vhost <c>sagas-bench</c> and the database <c>sagas_bench</c>).
/// </summary>
internal sealed record BenchSettings
{
    public required string RabbitHost { get; init; }
    public required int RabbitPort { get; init; }
    public required string RabbitVirtualHost { get; init; }
    public required string RabbitUser { get; init; }
    public required string RabbitPassword { get; init; }
    public required string PostgresConnectionString { get; init; }
    public required int PrefetchCount { get; init; }
    public required string CliDll { get; init; }
    public required string DefinitionsPath { get; init; }
    public required string ResultsPath { get; init; }

    /// <summary>The MassTransit peer's program (Sagas.Bench.Peers.dll), which scripts/bench builds beside the CLI.</summary>
    public required string PeerDll { get; init; }

    /// <summary>The Wolverine peer's program (Sagas.Bench.Peers.Wolverine.dll), built beside it.</summary>
    public required string WolverinePeerDll { get; init; }

    /// <summary>A policies file of the bench (<c>bench/policies</c>, beside the definitions).</summary>
    public string PoliciesPath(string file) => Path.Combine(Path.GetDirectoryName(DefinitionsPath)!, "policies", file);
    public required bool Quick { get; init; }
    public required int IdleWorkflows { get; init; }

    /// <summary>
    /// The same broker and PostgreSQL, but the vhost and database scripts/bench creates for the
    /// peers, so queues bound in the Sagas run never collect a peer's messages (nor the reverse).
    /// </summary>
    public BenchSettings ForPeers() => this with
    {
        RabbitVirtualHost = "sagas-bench-peers",
        PostgresConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = "sagas_bench_peers" }.ConnectionString,
    };

    public static BenchSettings From(string[] args)
    {
        static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
        var quick = args.Contains("--quick");
        var idleIndex = Array.IndexOf(args, "--idle");
        return new BenchSettings
        {
            RabbitHost = Env("Sagas__RabbitMq__Host", "127.0.0.1"),
            RabbitPort = int.Parse(Env("Sagas__RabbitMq__Port", "5672")),
            RabbitVirtualHost = Env("Sagas__RabbitMq__VirtualHost", "sagas-bench"),
            RabbitUser = Env("Sagas__RabbitMq__Username", "guest"),
            RabbitPassword = Env("Sagas__RabbitMq__Password", "guest"),
            PostgresConnectionString = Env("Sagas__Postgres__ConnectionString", "Host=127.0.0.1;Port=5432;Database=sagas_bench;Username=sagas;Password=sagas;SSL Mode=Disable"),
            PrefetchCount = int.Parse(Env("Sagas__RabbitMq__PrefetchCount", "32")),
            CliDll = Env("SAGAS_CLI", Path.Combine("artifacts", "cli", "sagas.dll")),
            DefinitionsPath = Path.GetFullPath(Env("SAGAS_BENCH_DEFINITIONS", Path.Combine("bench", "definitions"))),
            ResultsPath = Path.GetFullPath(Env("SAGAS_BENCH_RESULTS", Path.Combine("bench", "results"))),
            PeerDll = Env("SAGAS_BENCH_PEER", Path.Combine("artifacts", "peers", "Sagas.Bench.Peers.dll")),
            WolverinePeerDll = Env("SAGAS_BENCH_PEER_WOLVERINE", Path.Combine("artifacts", "peer-wolverine", "Sagas.Bench.Peers.Wolverine.dll")),
            Quick = quick,
            IdleWorkflows = idleIndex >= 0 ? int.Parse(args[idleIndex + 1]) : quick ? 50 : 100_000,
        };
    }
}
