using Npgsql;
using NpgsqlTypes;
using Sagas.Definitions.Policies;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Admission;

/// <summary>
/// The relay's side of the admission tickets (<see cref="AdmissionTicket"/>'s table, written by the
/// saga repository) and of each limited service's token bucket (<c>sagas.service_admission</c>). A
/// service is admitted for by one node at a time: the node that holds its bucket row's lock
/// counts the admitted tickets (the steps in flight, from every node), refills the bucket for the
/// time passed, admits the oldest waiting tickets that fit, and commits only after their
/// admissions are sent. So the limits hold across nodes, and a node that dies mid-way leaves its
/// tickets waiting for the next pass (a repeated admission is ignored by the saga).
/// </summary>
internal sealed class AdmissionTable(string connectionString) : IAsyncDisposable
{
    public static readonly string Tickets = DocumentLayout.TableOf<AdmissionTicket>();
    public static readonly string Buckets = $"{DocumentLayout.SchemaName}.service_admission";

    private static readonly string AdmittedAtKey = DocumentLayout.KeyOf<AdmissionTicket>(t => t.AdmittedAt);
    private static readonly string WaitingOldestFirst =
        $"SELECT id, queued_at FROM {Tickets} WHERE service = @service AND admitted_at IS NULL ORDER BY queued_at, id LIMIT @limit FOR UPDATE";

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"CREATE TABLE IF NOT EXISTS {Buckets} (service text PRIMARY KEY, tokens double precision NOT NULL, refilled_at timestamptz NOT NULL)");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>How many tickets wait for admission, by service: the admission queues' lengths.</summary>
    public async Task<IReadOnlyDictionary<string, long>> WaitingByServiceAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT service, count(*) FROM {Tickets} WHERE admitted_at IS NULL GROUP BY service");
        var waiting = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            waiting[reader.GetString(0)] = reader.GetInt64(1);
        }

        return waiting;
    }

    /// <summary>The services with tickets waiting.</summary>
    public async Task<IReadOnlyList<string>> WaitingServicesAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT DISTINCT service FROM {Tickets} WHERE admitted_at IS NULL");
        var services = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            services.Add(reader.GetString(0));
        }

        return services;
    }

    /// <summary>
    /// Admits what fits of one service's waiting tickets under <paramref name="limits"/> (none: all
    /// of them), sending each admission before the commit. Returns the pass's figures, or null when
    /// another node holds the service.
    /// </summary>
    public async Task<AdmissionPass?> AdmitAsync(
        string service, LimitsPolicy? limits, DateTimeOffset now, int most, Func<AdmissionTicket, Task> admit, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var perSecond = limits?.MaxPerSecond;
        var burst = Math.Max(1, perSecond ?? 1);
        await ExecuteAsync(connection, transaction,
            $"INSERT INTO {Buckets} (service, tokens, refilled_at) VALUES (@service, @burst, @now) ON CONFLICT (service) DO NOTHING",
            cancellationToken, ("service", service), ("burst", burst), ("now", now));

        (double Tokens, DateTimeOffset RefilledAt)? bucket = null;
        await using (var read = new NpgsqlCommand($"SELECT tokens, refilled_at FROM {Buckets} WHERE service = @service FOR UPDATE SKIP LOCKED", connection, transaction))
        {
            read.Parameters.AddWithValue("service", service);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                bucket = (reader.GetDouble(0), await reader.GetFieldValueAsync<DateTimeOffset>(1, cancellationToken));
            }
        }

        if (bucket is not { } held)
        {
            return null;
        }

        var inFlight = await CountAsync(connection, transaction, service, cancellationToken);
        var tokens = perSecond is { } rate ? Math.Min(burst, held.Tokens + Math.Max(0, (now - held.RefilledAt).TotalSeconds) * rate) : double.MaxValue;
        var free = limits?.MaxInFlight is { } maxInFlight ? maxInFlight - inFlight : int.MaxValue;
        var room = (int)Math.Max(0, Math.Min(Math.Min(free, Math.Floor(tokens)), most));
        var admitted = room == 0 ? [] : await OldestWaitingAsync(connection, transaction, service, room, cancellationToken);
        foreach (var ticket in admitted)
        {
            await admit(ticket);
        }

        if (admitted.Count > 0)
        {
            await using var mark = new NpgsqlCommand(
                $"UPDATE {Tickets} SET admitted_at = @now, data = jsonb_set(data, ARRAY['{AdmittedAtKey}'], to_jsonb(@now)) WHERE id = ANY(@ids)", connection, transaction);
            mark.Parameters.AddWithValue("now", now);
            mark.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = admitted.Select(t => t.Id).ToArray() });
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await ExecuteAsync(connection, transaction, $"UPDATE {Buckets} SET tokens = @tokens, refilled_at = @now WHERE service = @service",
            cancellationToken, ("service", service), ("tokens", perSecond is null ? burst : tokens - admitted.Count), ("now", now));
        await transaction.CommitAsync(cancellationToken);
        return new AdmissionPass(service, inFlight, admitted.Count);
    }

    /// <summary>Steps of a service holding a slot, from every node.</summary>
    public async Task<long> InFlightAsync(string service, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await CountAsync(connection, null, service, cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task<long> CountAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string service, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {Tickets} WHERE service = @service AND admitted_at IS NOT NULL", connection, transaction);
        command.Parameters.AddWithValue("service", service);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<AdmissionTicket>> OldestWaitingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string service, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(WaitingOldestFirst, connection, transaction);
        command.Parameters.AddWithValue("service", service);
        command.Parameters.AddWithValue("limit", limit);
        var tickets = new List<AdmissionTicket>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var text = reader.GetString(0);
            var id = AdmissionTicketId.Parse(text);
            tickets.Add(new AdmissionTicket
            {
                Id = text,
                WorkflowId = id.WorkflowId,
                StepId = id.StepId,
                Attempt = id.Attempt,
                Service = service,
                QueuedAt = await reader.GetFieldValueAsync<DateTimeOffset>(1, cancellationToken),
            });
        }

        return tickets;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>One pass over a service: the steps it found in flight and how many it admitted.</summary>
internal sealed record AdmissionPass(string Service, long InFlight, int Admitted);
