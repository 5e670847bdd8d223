namespace Sagas.Bench.Peers;

/// <summary>
/// A peer the bench runs beside Sagas: its name in the report, its program, the one table a timed
/// run starts empty, and the queues only it binds (each peer declares its own when it starts).
/// </summary>
internal sealed record BenchPeer(string Name, string Dll, string Table, IReadOnlyList<string> OwnQueues)
{
    /// <summary>The hand-written MassTransit state machine on a plain Marten repository (Sagas.Bench.Peers).</summary>
    public const string MassTransit = "peer-masstransit";

    /// <summary>A Wolverine saga on Marten with the durable inbox and outbox (Sagas.Bench.Peers.Wolverine).</summary>
    public const string Wolverine = "peer-wolverine";

    /// <summary>Every peer, in the order the bench runs them. The names are those each peer's project declares.</summary>
    public static IReadOnlyList<BenchPeer> All(BenchSettings settings) =>
    [
        // PeerStore: schema "peer", Marten's name for FiveStepState; the saga's endpoint "five-step-saga".
        new(MassTransit, settings.PeerDll, "peer.mt_doc_fivestepstate", ["five-step-saga"]),
        // PeerStore: schema "peer_wolverine", Marten's name for FiveStepSaga; PeerTopology's result queues.
        new(Wolverine, settings.WolverinePeerDll, "peer_wolverine.mt_doc_fivestepsaga",
            ["wolverine-five-step.step-completed", "wolverine-five-step.step-failed"]),
    ];
}
