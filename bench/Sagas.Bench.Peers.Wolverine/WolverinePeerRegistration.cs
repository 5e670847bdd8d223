using JasperFx;
using Marten;
using Microsoft.Extensions.Hosting;
using Sagas.Bench.Peers.Wolverine.Broker;
using Sagas.Bench.Peers.Wolverine.Persistence;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.RabbitMQ;

namespace Sagas.Bench.Peers.Wolverine;

/// <summary>
/// Wires the peer as the Wolverine documentation sets up Marten with a broker: the saga on Marten,
/// transactional middleware on every handler that touches it, the durable inbox on every listener
/// and the durable outbox on every sender, all in the peer's schema.
/// </summary>
public static class WolverinePeerRegistration
{
    public static IHostApplicationBuilder AddWolverineFiveStepPeer(this IHostApplicationBuilder builder)
    {
        var settings = PeerSettings.From(builder.Configuration);
        builder.Services.AddMarten(options => PeerStore.Configure(options, settings.PostgresConnectionString))
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            .IntegrateWithWolverine(wolverine => wolverine.MessageStorageSchemaName = PeerStore.SchemaName);

        builder.UseWolverine(options =>
        {
            options.ServiceName = "sagas-bench-peer-wolverine";

            // What each message received costs: the listener inserts it into the inbox table
            // (wolverine_incoming_envelopes, a transaction of its own) and only then acknowledges it
            // to the broker; the handler loads the saga, and one Marten transaction saves it (against
            // the revision it loaded), inserts what it sends into the outbox table and marks the inbox
            // row handled; after the commit each send is published and its outbox row deleted. Handled
            // inbox rows stay five minutes, so a redelivered duplicate is dropped, then are deleted.
            options.Policies.AutoApplyTransactions();
            options.Policies.UseDurableInboxOnAllListeners();
            options.Policies.UseDurableOutboxOnAllSendingEndpoints();

            // As the other peer: a lost optimistic-concurrency race (or a twin start's insert) runs
            // the message again from a fresh load.
            options.OnException<ConcurrencyException>().Or<DocumentAlreadyExistsException>()
                .RetryWithCooldown(
                    TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100),
                    TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500));

            options.UseRabbitMq(factory =>
                {
                    factory.HostName = settings.RabbitHost;
                    factory.Port = settings.RabbitPort;
                    factory.VirtualHost = settings.RabbitVirtualHost;
                    factory.UserName = settings.RabbitUser;
                    factory.Password = settings.RabbitPassword;
                    factory.ClientProvidedName = "sagas bench peer (wolverine)";
                })
                .AutoProvision()
                // Dead letters go to Wolverine's table, so no queue is declared with arguments the
                // shared queues (start-workflow, declared by the other peer too) do not have.
                .DisableDeadLetterQueueing()
                // No request/reply here, so no reply queue per process.
                .DisableSystemRequestReplyQueueDeclaration()
                // A send counts once the broker confirms it, as MassTransit's do (Wolverine's default
                // is off); only then does the durable outbox drop its row. Its sends are persistent.
                .ConfigureChannelCreation(channel =>
                {
                    channel.PublisherConfirmationsEnabled = true;
                    channel.PublisherConfirmationTrackingEnabled = true;
                });
            PeerTopology.Configure(options, settings);
        });
        return builder;
    }
}
