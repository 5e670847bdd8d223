namespace Sagas.Cli.Settings;

/// <summary>The <c>Sagas</c> configuration section. Defaults match <c>scripts/services up</c>.</summary>
public sealed class SagasSettings
{
    public const string SectionName = "Sagas";

    public DefinitionsSettings Definitions { get; set; } = new();

    public PoliciesSettings Policies { get; set; } = new();

    public RabbitMqSettings RabbitMq { get; set; } = new();

    public PostgresSettings Postgres { get; set; } = new();
}
