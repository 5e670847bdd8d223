namespace Sagas.Definitions.Expressions;

/// <summary>An evaluation that cannot go on: a missing value, a wrong type, a limit.</summary>
public sealed class ExpressionFailedException(string message) : Exception(message);
