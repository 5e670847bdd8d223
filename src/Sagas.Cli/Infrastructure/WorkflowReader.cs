using Marten;
using Sagas.Analytics;
using Sagas.Analytics.Health;
using Sagas.Analytics.Hosting;
using Sagas.Analytics.Stats;
using Sagas.Analytics.WorkflowList;
using Sagas.Contracts.Commands;
using Sagas.Orchestration;
using Sagas.Orchestration.Adaptation;
using Sagas.Orchestration.Admission;
using Sagas.Orchestration.Nodes;
using Sagas.Orchestration.Outbox;
using Sagas.Orchestration.Persistence;
using Sagas.Orchestration.Status;
using Sagas.Orchestration.Workflows;

namespace Sagas.Cli.Infrastructure;

/// <summary>Reads workflow views and streams from PostgreSQL for the CLI, turning an unreachable database into one clear line.</summary>
internal sealed class WorkflowReader : IDisposable
{
    // Workflows whose documents and streams one query of the replay check reads.
    private const int ReplayPage = 500;

    private static readonly string OverdueTimers = OverdueTimersQuery();
    private static readonly string TicketsOfEndedWorkflows = TicketsOfEndedWorkflowsQuery();

    private readonly DocumentStore _store;
    private readonly PostgresSettings _settings;

    public WorkflowReader(PostgresSettings settings)
    {
        _settings = settings;
        _store = DocumentStore.For(options => AnalyticsStore.ConfigureWithWorkflows(options, settings.ConnectionString));
    }

    public Task<WorkflowStatusView?> StatusAsync(Guid workflowId, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await using var session = _store.QuerySession();
            return await session.Events.AggregateStreamAsync<WorkflowStatusView>(workflowId, token: cancellationToken);
        });

    /// <summary>Workflows newest first, as the filter asks (see <see cref="WorkflowListQuery"/>).</summary>
    public Task<IReadOnlyList<WorkflowListItem>> ListAsync(WorkflowListFilter filter, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            if (filter.Where.Count > 0)
            {
                // The search keys' table, in case no orchestrator with analytics has created it yet.
                await _store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            }

            await using var session = _store.QuerySession();
            return await WorkflowListQuery.ListAsync(session, filter, cancellationToken);
        });

    /// <summary>The stats of a window (see <see cref="StatsQuery"/>); the analytics tables are created first if no node has yet.</summary>
    public Task<StatsReport> StatsAsync(StatsRequest request, TimeSpan lagThreshold, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await _store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            return await new StatsQuery(_settings.ConnectionString, lagThreshold).RunAsync(request, cancellationToken);
        });

    /// <summary>How far the analytics projection is behind the events (see <see cref="AnalyticsLagReader"/>).</summary>
    public Task<AnalyticsLag> AnalyticsLagAsync(CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await using var connection = new Npgsql.NpgsqlConnection(_settings.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            return await AnalyticsLagReader.ReadAsync(connection, cancellationToken);
        });

    /// <summary>Whether any run has recorded a searchable value of this input field (see <see cref="SearchTable"/>).</summary>
    public Task<bool> IsSearchedFieldAsync(string field, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await using var connection = new Npgsql.NpgsqlConnection(_settings.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new Npgsql.NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {SearchTable.Name} WHERE field = @field)", connection);
            command.Parameters.AddWithValue("field", field);
            return await command.ExecuteScalarAsync(cancellationToken) is true;
        });

    /// <summary>Every node that has announced itself, live ones first, most recently seen first.</summary>
    public Task<IReadOnlyList<NodeView>> NodesAsync(CancellationToken cancellationToken) =>
        GuardAsync<IReadOnlyList<NodeView>>(async () =>
        {
            await using var session = _store.QuerySession();
            var nodes = await session.Query<NodeView>().ToListAsync(cancellationToken);
            return [.. nodes.OrderBy(n => n.Status).ThenByDescending(n => n.LastSeen)];
        });

    /// <summary>Workflows that have not ended (running, compensating or needing attention), at most <paramref name="limit"/>.</summary>
    public Task<IReadOnlyList<WorkflowState>> OpenWorkflowsAsync(int limit, CancellationToken cancellationToken) =>
        GuardAsync<IReadOnlyList<WorkflowState>>(async () =>
        {
            await using var session = _store.QuerySession();
            return await session.Query<WorkflowState>()
                .Where(w => w.Status == WorkflowStatus.Running || w.Status == WorkflowStatus.Compensating || w.Status == WorkflowStatus.NeedsAttention)
                .Take(limit)
                .ToListAsync(cancellationToken);
        });

    /// <summary>
    /// Rows that something should have taken away: durable timers overdue by more than a minute
    /// (no orchestrator is relaying them), as workflow ids, and admission tickets still held or
    /// awaited by workflows that have ended (a slot leaked), as workflow ids.
    /// </summary>
    /// <remarks>
    /// A retry timer of an ended workflow is not a leak: it fires, and the saga ignores it.
    /// </remarks>
    public Task<(IReadOnlyList<Guid> OverdueTimers, IReadOnlyList<Guid> Tickets)> LeftoversAsync(CancellationToken cancellationToken) =>
        GuardAsync<(IReadOnlyList<Guid>, IReadOnlyList<Guid>)>(async () =>
        {
            await using var session = _store.QuerySession();
            var timers = await session.AdvancedSql.QueryAsync<Guid>(OverdueTimers, cancellationToken);
            var tickets = await session.AdvancedSql.QueryAsync<Guid>(TicketsOfEndedWorkflows, cancellationToken);
            return (timers, tickets);
        });

    /// <summary>The saga's own state, for decisions the CLI checks before it asks (may this be retried?).</summary>
    public Task<WorkflowState?> StateAsync(Guid workflowId, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await using var session = _store.QuerySession();
            return await session.LoadAsync<WorkflowState>(workflowId, cancellationToken);
        });

    /// <summary>How many of these workflows have ended, by status.</summary>
    public Task<Dictionary<WorkflowStatus, int>> EndedAsync(IReadOnlyCollection<Guid> workflowIds, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await using var session = _store.QuerySession();
            var ids = workflowIds.ToArray();
            var ended = await session.Query<WorkflowState>()
                .Where(w => w.CorrelationId.IsOneOf(ids) && w.Status != WorkflowStatus.Running && w.Status != WorkflowStatus.Compensating)
                .Select(w => w.Status)
                .ToListAsync(cancellationToken);
            return ended.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        });

    /// <summary>
    /// Replays every workflow's stream (ended ones too) and compares it with the state its saga
    /// document holds (<see cref="WorkflowReplay.Differences"/>): how many were checked, and each
    /// one that differs. The whole check reads one snapshot (a repeatable-read transaction), so a
    /// workflow that moves on while it runs is never taken for a mismatch; it writes nothing.
    /// </summary>
    public Task<(int Checked, IReadOnlyList<ReplayMismatch> Mismatches)> ReplayAsync(CancellationToken cancellationToken) =>
        GuardAsync<(int, IReadOnlyList<ReplayMismatch>)>(async () =>
        {
            await using var session = _store.LightweightSession(System.Data.IsolationLevel.RepeatableRead);
            await session.BeginTransactionAsync(cancellationToken);
            var ids = await session.Query<WorkflowState>().Select(w => w.CorrelationId).ToListAsync(cancellationToken);
            var mismatches = new List<ReplayMismatch>();
            foreach (var page in ids.Chunk(ReplayPage))
            {
                var states = await session.Query<WorkflowState>().Where(w => w.CorrelationId.IsOneOf(page)).ToListAsync(cancellationToken);
                var events = (await session.Events.QueryAllRawEvents()
                        .Where(e => e.StreamId.IsOneOf(page))
                        .OrderBy(e => e.Sequence)
                        .ToListAsync(cancellationToken))
                    .ToLookup(e => e.StreamId, e => e.Data);
                foreach (var state in states)
                {
                    var stream = events[state.CorrelationId].ToList();
                    if (WorkflowReplay.Differences(state, stream) is [_, ..] differences)
                    {
                        mismatches.Add(new ReplayMismatch(state.CorrelationId, stream.Count, differences));
                    }
                }
            }

            return (ids.Count, mismatches);
        });

    public Task<IReadOnlyList<JasperFx.Events.IEvent>> HistoryAsync(Guid workflowId, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await using var session = _store.QuerySession();
            return await session.Events.FetchStreamAsync(workflowId, token: cancellationToken);
        });

    /// <summary>The latest records of a service's stream (<see cref="ServiceStreams"/>): what orchestrators adapted for it, oldest first.</summary>
    public Task<IReadOnlyList<object>> ServiceHistoryAsync(string service, int latest, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await using var session = _store.QuerySession();
            var stream = ServiceStreams.IdOf(service);
            var events = await session.Events.QueryAllRawEvents()
                .Where(e => e.StreamId == stream)
                .OrderByDescending(e => e.Sequence)
                .Take(latest)
                .ToListAsync(cancellationToken);
            return (IReadOnlyList<object>)[.. events.OrderBy(e => e.Sequence).Select(e => e.Data)];
        });

    private async Task<T> GuardAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (DatabaseConnection.IsUnreachable(e))
        {
            throw DatabaseConnection.Unreachable(_settings, e);
        }
    }

    public void Dispose() => _store.Dispose();

    private static string OverdueTimersQuery()
    {
        var body = DocumentLayout.KeyOf<DurableTimer>(t => t.Body);
        // Every message a timer carries names its workflow as ExecuteStep does.
        var workflowId = DocumentLayout.BodyKeyOf<ExecuteStep>(m => m.WorkflowId);
        return $"SELECT ((data->>'{body}')::jsonb->>'{workflowId}')::uuid FROM {DocumentLayout.TableOf<DurableTimer>()} " +
            "WHERE due_at < now() - interval '1 minute' ORDER BY due_at LIMIT 100";
    }

    private static string TicketsOfEndedWorkflowsQuery()
    {
        var workflowId = DocumentLayout.KeyOf<AdmissionTicket>(t => t.WorkflowId);
        var status = DocumentLayout.KeyOf<WorkflowState>(w => w.Status);
        // By name, as the store writes them.
        WorkflowStatus[] ended = [WorkflowStatus.Completed, WorkflowStatus.Failed, WorkflowStatus.Compensated, WorkflowStatus.Cancelled, WorkflowStatus.Rejected];
        return $"SELECT w.id FROM {DocumentLayout.TableOf<AdmissionTicket>()} a JOIN {DocumentLayout.TableOf<WorkflowState>()} w " +
            $"ON w.id = (a.data->>'{workflowId}')::uuid WHERE w.data->>'{status}' IN ({string.Join(", ", ended.Select(s => $"'{s}'"))}) LIMIT 100";
    }
}
