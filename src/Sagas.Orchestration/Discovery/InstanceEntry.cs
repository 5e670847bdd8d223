using Sagas.Contracts.Events;

namespace Sagas.Orchestration.Discovery;

/// <summary>
/// One registered service instance as an orchestrator sees it: what its node last reported, and
/// whether it is in the rotation now, or why not.
/// </summary>
public sealed record InstanceEntry(string Node, string Host, ServiceInstanceReport Report, DateTimeOffset LastSeen, string? OutBecause)
{
    public string Service => Report.Service;

    public string Endpoint => Report.Endpoint;

    public string Queue => Report.Queue;

    public bool InRotation => OutBecause is null;
}
