namespace Sagas.Cli.Errors;

/// <summary>The headers MassTransit adds when it parks a message, which a replay leaves behind.</summary>
internal static class FaultHeaders
{
    public const string Message = "MT-Fault-Message";
    public const string Timestamp = "MT-Fault-Timestamp";
    public const string InputAddress = "MT-Fault-InputAddress";
    public const string Reason = "MT-Reason";

    // MT-Host-* describe the node that parked the message, not the sender; x-dotnet-pub-seq-no is
    // RabbitMQ.Client's bookkeeping for the move's publisher confirm.
    private static readonly string[] AddedPrefixes = ["MT-Fault-", "MT-Host-"];
    private static readonly string[] AddedNames = [Reason, "x-dotnet-pub-seq-no"];

    public static bool WereAddedByTheMove(string header) =>
        AddedNames.Contains(header, StringComparer.OrdinalIgnoreCase)
        || AddedPrefixes.Any(prefix => header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
