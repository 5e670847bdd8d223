using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.Orchestration.Admission;
using Sagas.Orchestration.Outbox;
using Sagas.Orchestration.Policies;

namespace Sagas.Orchestration.Telemetry;

/// <summary>
/// What an orchestrator holds rather than does, on the meter <c>Sagas</c>: the outbox's backlog
/// (rows due and not yet sent), the admission queues' lengths by service, and each circuit's
/// state as this node sees it. The tables are read every few seconds, never on a scrape's path.
/// </summary>
internal sealed partial class OrchestratorGauges : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly TimerTable _timers;
    private readonly AdmissionTable _admission;
    private readonly TimeProvider _clock;
    private readonly ILogger<OrchestratorGauges> _logger;
    private long _backlog;
    private IReadOnlyDictionary<string, long> _waiting = new Dictionary<string, long>();

    public OrchestratorGauges(TimerTable timers, AdmissionTable admission, CircuitBreakers circuits, TimeProvider clock, IMeterFactory meters, ILogger<OrchestratorGauges> logger)
    {
        _timers = timers;
        _admission = admission;
        _clock = clock;
        _logger = logger;
        var meter = meters.Create(WorkflowMetrics.MeterName);
        meter.CreateObservableGauge("sagas.outbox.backlog", () => Volatile.Read(ref _backlog), "{row}",
            "Outbox rows due and not yet sent: messages to send and timers whose time has come");
        meter.CreateObservableGauge("sagas.admission.waiting", () => _waiting.Select(w => new Measurement<long>(w.Value, new KeyValuePair<string, object?>("service", w.Key))),
            "{step}", "Steps waiting for a slot under their service's limits, by service");
        meter.CreateObservableGauge("sagas.circuit.state", () => circuits.States(_clock.GetUtcNow()).Select(c => new Measurement<int>((int)c.State, new KeyValuePair<string, object?>("service", c.Service))),
            null, "Each service's circuit as this node sees it: 0 closed, 1 open, 2 half-open");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(Interval, _clock);
        do
        {
            try
            {
                Volatile.Write(ref _backlog, await _timers.CountDueAsync(stoppingToken));
                _waiting = await _admission.WaitingByServiceAsync(stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                // Logged, and read again at the next tick: a gauge that failed must never stop the node.
                LogReadFailed(error.Message);
            }
        }
        while (await ticks.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not read the outbox and admission gauges: {Problem}")]
    private partial void LogReadFailed(string problem);
}
