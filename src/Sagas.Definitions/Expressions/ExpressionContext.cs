namespace Sagas.Definitions.Expressions;

/// <summary>What an evaluation may know beyond the workflow's values.</summary>
/// <param name="Now">The time of the decision, recorded with it.</param>
public sealed record ExpressionContext(DateTimeOffset Now);
