using Acornima;

namespace Sagas.Definitions.Expressions;

/// <summary>The binary operators expressions allow, as the parser names them and as they are written.</summary>
internal static class Operators
{
    public const string AllowedList = "== != < <= > >= + - * / % && ||";

    /// <summary>How the operator is written, when allowed; <c>===</c> is <c>==</c> (every comparison is strict).</summary>
    public static string? Allowed(Operator op) => op switch
    {
        Operator.Equality or Operator.StrictEquality => "==",
        Operator.Inequality or Operator.StrictInequality => "!=",
        Operator.LessThan => "<",
        Operator.LessThanOrEqual => "<=",
        Operator.GreaterThan => ">",
        Operator.GreaterThanOrEqual => ">=",
        Operator.Addition => "+",
        Operator.Subtraction => "-",
        Operator.Multiplication => "*",
        Operator.Division => "/",
        Operator.Remainder => "%",
        Operator.LogicalAnd => "&&",
        Operator.LogicalOr => "||",
        _ => null,
    };

    public static string Text(Operator op) => op switch
    {
        Operator.NullishCoalescing => "??",
        Operator.BitwiseAnd => "&",
        Operator.BitwiseOr => "|",
        Operator.BitwiseXor => "^",
        Operator.BitwiseNot => "~",
        Operator.LeftShift => "<<",
        Operator.RightShift => ">>",
        Operator.UnsignedRightShift => ">>>",
        Operator.Exponentiation => "**",
        Operator.In => "in",
        Operator.InstanceOf => "instanceof",
        Operator.TypeOf => "typeof",
        Operator.Void => "void",
        Operator.Delete => "delete",
        Operator.UnaryPlus => "+",
        _ => op.ToString(),
    };
}
