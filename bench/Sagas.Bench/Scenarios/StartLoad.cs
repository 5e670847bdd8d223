using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using Sagas.Contracts;

namespace Sagas.Bench.Scenarios;

/// <summary>
/// Publishes starts as a client in any language would (plain JSON, publisher confirms) over
/// several channels, so the client is not what limits the rate.
/// </summary>
internal sealed class StartLoad : IAsyncDisposable
{
    private const int Channels = 4;
    private readonly IConnection _connection;
    private readonly IChannel[] _channels;

    private StartLoad(IConnection connection, IChannel[] channels)
    {
        _connection = connection;
        _channels = channels;
    }

    public static async Task<StartLoad> ConnectAsync(BenchSettings settings)
    {
        var connection = await Broker.ConnectAsync(settings, "sagas bench load");
        var channels = new IChannel[Channels];
        for (var i = 0; i < Channels; i++)
        {
            channels[i] = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        }

        return new StartLoad(connection, channels);
    }

    /// <summary>Publishes every start as fast as confirms allow; returns each id's publish time (Stopwatch ticks).</summary>
    public async Task<Dictionary<Guid, long>> FlatOutAsync(string definition, int count, Func<int, JsonObject> input)
    {
        var starts = Enumerable.Range(0, count).Select(i => (Id: Guid.CreateVersion7(), Input: input(i))).ToList();
        var published = new Dictionary<Guid, long>(count);
        await Task.WhenAll(_channels.Select(async (channel, c) =>
        {
            for (var i = c; i < starts.Count; i += Channels)
            {
                var at = Stopwatch.GetTimestamp();
                await PublishAsync(channel, starts[i].Id, definition, starts[i].Input);
                lock (published)
                {
                    published[starts[i].Id] = at;
                }
            }
        }));
        return published;
    }

    /// <summary>
    /// Publishes at a fixed arrival rate. Each start's time is when it was due, not when it went
    /// out, so a stall shows up in the latencies instead of hiding (no coordinated omission).
    /// </summary>
    public async Task<Dictionary<Guid, long>> FixedRateAsync(string definition, double perSecond, TimeSpan duration, Func<int, JsonObject> input)
    {
        var count = (int)(perSecond * duration.TotalSeconds);
        var due = new Dictionary<Guid, long>(count);
        var begin = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var dueAt = begin + (long)(i / perSecond * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), dueAt);
            if (wait > TimeSpan.Zero)
            {
                // Pacing the arrivals is the point here; this waits for the schedule, not for the system.
                await Task.Delay(wait);
            }

            var id = Guid.CreateVersion7();
            due[id] = dueAt;
            await PublishAsync(_channels[i % Channels], id, definition, input(i));
        }

        return due;
    }

    private static async Task PublishAsync(IChannel channel, Guid id, string definition, JsonObject input)
    {
        var body = new JsonObject { ["workflowId"] = id.ToString(), ["definition"] = definition, ["input"] = input };
        var properties = new BasicProperties { ContentType = "application/json", Persistent = true };
        await channel.BasicPublishAsync(BrokerNames.StartWorkflow, string.Empty, mandatory: true, properties, Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            await channel.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }
}
