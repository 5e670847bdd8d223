namespace Sagas.Cli.Settings;

/// <summary><c>Sagas:Postgres</c>: the database holding event streams, saga state and read models.</summary>
public sealed class PostgresSettings
{
    /// <summary>
    /// The default reaches the local services on loopback, where TLS buys nothing and cost 14% of
    /// the orchestrator's CPU per step (bench, linear-5); a remote database should set its own,
    /// with <c>SSL Mode=VerifyFull</c>.
    /// </summary>
    public string ConnectionString { get; set; } = "Host=127.0.0.1;Port=5432;Database=sagas;Username=sagas;Password=sagas;SSL Mode=Disable";
}
