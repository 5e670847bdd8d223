namespace Sagas.Orchestration;

/// <summary>How the wait between attempts grows.</summary>
public enum Backoff
{
    /// <summary>The same delay before every retry.</summary>
    Fixed,

    /// <summary>The delay doubles with each retry, up to the maximum.</summary>
    Exponential,
}
