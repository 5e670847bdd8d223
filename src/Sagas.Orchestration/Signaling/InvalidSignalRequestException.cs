namespace Sagas.Orchestration.Signaling;

/// <summary>A signal request that cannot be handed to the saga; it goes to the error queue with this reason.</summary>
public sealed class InvalidSignalRequestException(string message) : Exception(message);
