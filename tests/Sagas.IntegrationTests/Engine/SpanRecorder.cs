using System.Collections.Concurrent;
using System.Diagnostics;
using Sagas.Contracts.Telemetry;

namespace Sagas.IntegrationTests.Engine;

/// <summary>Every span Sagas ends in this process while it listens: the in-memory exporter of the trace tests.</summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _ended = new();
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SagasTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ended.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The ended spans of one workflow (tagged with its id).</summary>
    public IReadOnlyList<Activity> Of(Guid workflowId) =>
        [.. _ended.Where(span => span.GetTagItem("sagas.workflow.id") as string == workflowId.ToString())];

    public void Dispose() => _listener.Dispose();
}
