using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sagas.Orchestration.Outbox;

/// <summary>
/// Deletes the outbox rows their node has sent, many per statement, off the saga's path: the
/// happy path pays one insert in a transaction it runs anyway, plus a share of one delete.
/// </summary>
/// <remarks>
/// A delete that fails (the database away) is not retried: the rows fall due when their lease
/// ends and the relay sends them again, which receivers ignore as repeats.
/// </remarks>
internal sealed partial class OutboxCleaner(TimerTable table, ILogger<OutboxCleaner> logger) : BackgroundService
{
    private const int MostPerDelete = 2_000;

    private static readonly TimeSpan DeleteWindow = TimeSpan.FromMilliseconds(100);

    private readonly Channel<Guid> _sent = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Sent(Guid rowId) => _sent.Writer.TryWrite(rowId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // One statement per window at most: under load a window gathers hundreds of rows, where
        // deleting as soon as any arrived would run a statement for every few steps.
        using var window = new PeriodicTimer(DeleteWindow);
        try
        {
            while (await _sent.Reader.WaitToReadAsync(stoppingToken))
            {
                while (await DeleteBatchAsync(CancellationToken.None) == MostPerDelete)
                {
                }

                await window.WaitForNextTickAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // What was sent before the node stopped is deleted, so a restart does not send it again.
        while (await DeleteBatchAsync(cancellationToken) > 0 && !cancellationToken.IsCancellationRequested)
        {
        }
    }

    // Returns how many it took; a single-reader channel cannot say how many wait.
    private async Task<int> DeleteBatchAsync(CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        while (ids.Count < MostPerDelete && _sent.Reader.TryRead(out var id))
        {
            ids.Add(id);
        }

        if (ids.Count == 0)
        {
            return 0;
        }

        try
        {
            await table.DeleteAsync(ids, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogDeleteFailed(logger, ids.Count, error);
        }

        return ids.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} sent outbox row(s) could not be deleted; the relay sends them again when their lease ends, and receivers ignore the repeats")]
    private static partial void LogDeleteFailed(ILogger logger, int count, Exception error);
}
