namespace Sagas.Definitions.Model;

/// <summary>A step's <c>when:</c>: the expression as written, checked, and the line it is on.</summary>
public sealed record StepCondition(string Text, ExpressionNode Expression, int Line);
