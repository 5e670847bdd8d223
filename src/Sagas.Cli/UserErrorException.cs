namespace Sagas.Cli;

/// <summary>
/// A mistake the user can fix (a bad setting, an unreachable service). The CLI prints its
/// message as one line and exits non-zero, with no stack trace.
/// </summary>
public sealed class UserErrorException(string message, Exception? inner = null) : Exception(message, inner);
