namespace Sagas.Orchestration;

/// <summary>The loop of a node's periodic background job.</summary>
internal static class PeriodicTicks
{
    /// <summary>Waits for the next tick: true then, false once the node is stopping (never throws for that).</summary>
    public static async Task<bool> WaitForTickOrStopAsync(this PeriodicTimer ticks, CancellationToken stoppingToken)
    {
        try
        {
            return await ticks.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
