namespace Sagas.Definitions.Model;

/// <summary>How the wait between attempts grows: <c>fixed</c> or <c>exponential</c> in a definition.</summary>
public enum RetryBackoff
{
    Fixed,
    Exponential,
}
