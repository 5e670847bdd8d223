using Sagas.Workers.Instances;

namespace Sagas.Workers.Tests.Instances;

public sealed class An_instances_last_minute
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly ServiceInstance Payment = new("payment", "payment", "payment.n");

    [Fact]
    public void Counts_what_runs_now_and_what_finished_with_its_failures_and_latency_percentiles()
    {
        var stats = new InstanceStats();
        for (var i = 1; i <= 100; i++)
        {
            stats.Started(Payment);
            stats.Finished(Payment, Start.AddMilliseconds(i), TimeSpan.FromMilliseconds(i), failed: i % 10 == 0);
        }

        stats.Started(Payment);

        Assert.Equal(new InstanceFigures(InFlight: 1, Calls: 100, Failures: 10, LatencyP50Ms: 50, LatencyP99Ms: 99), stats.FiguresOf(Payment, Start.AddSeconds(1)));
    }

    [Fact]
    public void Forgets_what_finished_more_than_a_minute_ago()
    {
        var stats = new InstanceStats();
        stats.Started(Payment);
        stats.Finished(Payment, Start, TimeSpan.FromMilliseconds(900), failed: true);
        stats.Started(Payment);
        stats.Finished(Payment, Start.AddSeconds(30), TimeSpan.FromMilliseconds(20), failed: false);

        Assert.Equal(new InstanceFigures(0, 1, 0, 20, 20), stats.FiguresOf(Payment, Start.AddSeconds(61)));
        Assert.Equal(new InstanceFigures(0, 0, 0, null, null), stats.FiguresOf(Payment, Start.AddSeconds(91)));
    }
}
