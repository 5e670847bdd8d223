using System.Net.Sockets;
using Npgsql;

namespace Sagas.Orchestration;

/// <summary>
/// Which failures of the orchestrator's own infrastructure pass by themselves: PostgreSQL
/// restarting, refusing connections or breaking one, a deadlock or serialization loser, a socket
/// reset, a timeout. A message that meets one is tried again later (see the saga's endpoint), so
/// a database blip never fails a workflow nor parks its message.
/// </summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception error)
    {
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres when IsTransientState(postgres.SqlState):
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    // Class 08: connection exceptions; 40001 serialization failure; 40P01 deadlock; 53300 too many
    // connections; 57P01..57P03 the server shutting down or starting (PostgreSQL appendix A).
    private static bool IsTransientState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state is "40001" or "40P01" or "53300" or "57P01" or "57P02" or "57P03";
}
