namespace Sagas.Bench.Scenarios;

/// <summary>The queue of the service no worker hosts, where the idle scenario's commands wait; removed after a run.</summary>
internal static class HoldQueue
{
    public static async Task DeleteAsync(BenchSettings settings)
    {
        await using var connection = await Broker.ConnectAsync(settings, "sagas bench cleanup");
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync("bench-hold", ifUnused: false, ifEmpty: false);
    }
}
