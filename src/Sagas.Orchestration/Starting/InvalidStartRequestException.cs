namespace Sagas.Orchestration.Starting;

/// <summary>A start request that cannot be handed to the saga; it goes to the error queue with this reason.</summary>
public sealed class InvalidStartRequestException(string message) : Exception(message);
