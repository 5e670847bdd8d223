namespace Sagas.Cli.Settings;

/// <summary><c>Sagas:Postgres</c>: the database holding event streams, saga state and read models.</summary>
public sealed class PostgresSettings
{
    public string ConnectionString { get; set; } = "Host=127.0.0.1;Port=5432;Database=sagas;Username=sagas;Password=sagas";
}
