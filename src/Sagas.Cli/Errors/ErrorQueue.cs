namespace Sagas.Cli.Errors;

/// <summary>
/// The queues MassTransit parks messages in: <c>QUEUE_error</c> for a message that faulted past its
/// retries, <c>QUEUE_skipped</c> for one no consumer took.
/// </summary>
internal static class ErrorQueue
{
    private static readonly string[] Suffixes = ["_error", "_skipped"];

    public static bool IsParking(string name) => Suffixes.Any(suffix => name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal));

    /// <summary>Fails with one line when a queue named on the command line cannot hold parked messages.</summary>
    public static string Require(string? name) =>
        name is not null && IsParking(name)
            ? name
            : throw new UserErrorException($"'{name}' is not an error or skipped queue (its name must end in _error or _skipped)");

    /// <summary>
    /// Where a parked message came from: the fault's input address when MassTransit recorded one
    /// (the queue is its last path segment), otherwise the parking queue's name without its suffix.
    /// </summary>
    public static string SourceOf(string parkingQueue, string? inputAddress)
    {
        if (inputAddress is not null && Uri.TryCreate(inputAddress, UriKind.Absolute, out var address)
            && address.Segments.LastOrDefault()?.Trim('/') is { Length: > 0 } queue)
        {
            return Uri.UnescapeDataString(queue);
        }

        var suffix = Suffixes.First(s => parkingQueue.EndsWith(s, StringComparison.Ordinal));
        return parkingQueue[..^suffix.Length];
    }
}
