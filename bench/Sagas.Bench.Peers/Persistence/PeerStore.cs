using JasperFx;
using Marten;
using Marten.Schema.Identity;
using Sagas.Bench.Peers.Saga;
using Weasel.Core;

namespace Sagas.Bench.Peers.Persistence;

/// <summary>The peer's PostgreSQL layout: one table, a document per saga instance with a version column.</summary>
public static class PeerStore
{
    public const string SchemaName = "peer";

    public static void Configure(StoreOptions options, string connectionString)
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = SchemaName;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;

        // The id is the workflow's, never generated; each update checks the version it loaded.
        options.Schema.For<FiveStepState>()
            .Identity(x => x.CorrelationId)
            .IdStrategy(new NoOpIdGeneration())
            .UseOptimisticConcurrency(true);
    }
}
