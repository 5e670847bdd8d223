namespace Sagas.Orchestration.Adaptation;

/// <summary>The triggers and actions as they are written in policies and recorded in events.</summary>
public static class AdaptationWords
{
    public const string Latency = "latency";
    public const string ErrorRate = "error_rate";
    public const string Load = "load";

    public const string Avoided = "avoided";
    public const string Ejected = "ejected";
    public const string Limited = "limited";
}
