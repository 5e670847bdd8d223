namespace Sagas.Orchestration.Workflows;

/// <summary>Each service has one queue, named after it; step commands are sent there.</summary>
public static class ServiceQueue
{
    public static Uri Address(string service) => new($"queue:{service}");
}
