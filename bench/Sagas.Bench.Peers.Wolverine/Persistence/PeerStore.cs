using JasperFx;
using Marten;
using Marten.Schema.Identity;
using Sagas.Bench.Peers.Wolverine.Workflow;
using Weasel.Core;

namespace Sagas.Bench.Peers.Wolverine.Persistence;

/// <summary>
/// The peer's PostgreSQL layout, in a schema of its own beside the MassTransit peer's: a document
/// per saga instance with its revision, and Wolverine's inbox and outbox tables.
/// </summary>
public static class PeerStore
{
    public const string SchemaName = "peer_wolverine";

    public static void Configure(StoreOptions options, string connectionString)
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = SchemaName;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;

        // The id is the workflow's, never generated. A Wolverine saga carries a numeric revision
        // (Saga.Version): Wolverine updates the document only if it is still the revision it loaded,
        // the same check the other peer's version column makes.
        options.Schema.For<FiveStepSaga>()
            .Identity(x => x.Id)
            .IdStrategy(new NoOpIdGeneration());
    }
}
