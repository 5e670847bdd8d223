using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Sagas.Bench.Scenarios;

namespace Sagas.Bench.Observation;

/// <summary>
/// Hears every outcome the orchestrator publishes (completed, failed, compensated, cancelled, needs attention),
/// through a queue of its own bound to MassTransit's exchanges for those types.
/// </summary>
internal sealed class CompletionListener : IAsyncDisposable
{
    private static readonly string[] Outcomes =
    [
        "Sagas.Contracts.Events:WorkflowCompleted", "Sagas.Contracts.Events:WorkflowFailed", "Sagas.Contracts.Events:WorkflowCompensated",
        "Sagas.Contracts.Events:WorkflowCancelled", "Sagas.Contracts.Events:WorkflowNeedsAttention",
    ];
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly ConcurrentDictionary<Guid, (long At, bool Completed)> _ended = new();
    private readonly SemaphoreSlim _changed = new(0);

    private CompletionListener(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public IReadOnlyDictionary<Guid, (long At, bool Completed)> Ended => _ended;

    public static async Task<CompletionListener> StartAsync(BenchSettings settings)
    {
        var connection = await Broker.ConnectAsync(settings, "sagas bench listener");
        var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true)).QueueName;
        foreach (var exchange in Outcomes)
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
            await channel.QueueBindAsync(queue, exchange, string.Empty);
        }

        var listener = new CompletionListener(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            listener.Record(delivery);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return listener;
    }

    private void Record(BasicDeliverEventArgs delivery)
    {
        var at = Stopwatch.GetTimestamp();
        using var envelope = JsonDocument.Parse(delivery.Body);
        var message = envelope.RootElement.GetProperty("message");
        var id = message.GetProperty("workflowId").GetGuid();
        var completed = envelope.RootElement.GetProperty("messageType").EnumerateArray().Any(t => t.GetString()!.EndsWith(":WorkflowCompleted", StringComparison.Ordinal));
        _ended.TryAdd(id, (at, completed));
        _changed.Release();
    }

    /// <summary>Waits until every id has ended or nothing has ended for <paramref name="quiet"/>.</summary>
    public async Task WaitForAsync(IReadOnlyCollection<Guid> ids, TimeSpan quiet)
    {
        while (ids.Any(id => !_ended.ContainsKey(id)))
        {
            if (!await _changed.WaitAsync(quiet))
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
        _changed.Dispose();
    }
}
