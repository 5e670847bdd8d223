using Sagas.Analytics.Buckets;
using Sagas.Analytics.Tally;

namespace Sagas.Analytics.Tests.Tally;

public sealed class When_events_are_tallied
{
    private static readonly Guid Run = Guid.NewGuid();

    [Fact]
    public void A_start_and_its_end_count_in_the_buckets_of_their_own_moments()
    {
        var tally = new StatsTally(new Dictionary<Guid, RunFacts>());
        tally.Add(Run, Given.Started(Run));
        tally.Add(Run, Given.WorkflowCompleted(Run, atSeconds: 45));

        var minutes = tally.Workflows.Where(w => w.Key.Granularity == Granularity.Minute).OrderBy(w => w.Key.BucketStart).ToList();
        Assert.Equal(2, minutes.Count);
        Assert.Equal((Given.Start.AddSeconds(-30), 1L, 0L), (minutes[0].Key.BucketStart, minutes[0].Value.Started, minutes[0].Value.Completed));
        Assert.Equal((Given.Start.AddSeconds(30), 0L, 1L), (minutes[1].Key.BucketStart, minutes[1].Value.Started, minutes[1].Value.Completed));
        Assert.InRange(minutes[1].Value.Durations.Percentiles()!.P50, 44_500, 45_500);

        var hour = Assert.Single(tally.Workflows, w => w.Key.Granularity == Granularity.Hour);
        Assert.Equal((1L, 1L), (hour.Value.Started, hour.Value.Completed));
    }

    [Fact]
    public void An_answer_is_placed_by_its_attempts_dispatch_with_its_queue_wait_and_execution()
    {
        var tally = new StatsTally(new Dictionary<Guid, RunFacts>());
        tally.Add(Run, Given.Started(Run));
        tally.Add(Run, Given.Dispatched(Run, "charge", 1, "payment", atSeconds: 1, endpoint: "payment-eu"));
        tally.Add(Run, Given.Completed(Run, "charge", 1, startedSeconds: 1.25, atSeconds: 2, node: "node-a"));

        var answered = Assert.Single(Minutes(tally), s => s.Key.Node == "node-a");
        Assert.Equal(("order", 1, "charge", "payment", "payment-eu"), (answered.Key.Definition, answered.Key.Version, answered.Key.Step, answered.Key.Service, answered.Key.Endpoint));
        Assert.Equal(1, answered.Value.Completed);
        Assert.InRange(answered.Value.QueueWait.Percentiles()!.P50, 248, 252);
        Assert.InRange(answered.Value.Execution.Percentiles()!.P50, 745, 755);

        var dispatched = Assert.Single(Minutes(tally), s => s.Key.Node == StepBucketKey.NoNode);
        Assert.Equal(1, dispatched.Value.Dispatches);
    }

    [Fact]
    public void An_attempt_that_failed_waiting_for_an_instance_counts_against_its_service()
    {
        var tally = new StatsTally(new Dictionary<Guid, RunFacts>());
        tally.Add(Run, Given.Started(Run));
        tally.Add(Run, new Orchestration.Journal.StepQueued
        {
            WorkflowId = Run,
            StepId = "charge",
            Attempt = 1,
            Service = "payment",
            Reason = "no-healthy-instance: …",
            NoHealthyInstance = true,
            QueuedAt = Given.Start.AddSeconds(1),
        });
        tally.Add(Run, Given.Failed(Run, "charge", 1, "no healthy instance of 'payment' within 10 s", 11, 11) with { StartedAt = null, Node = null });

        var failed = Assert.Single(Minutes(tally), s => s.Value.Failed == 1);
        Assert.Equal(("payment", "payment", 0L), (failed.Key.Service, failed.Key.Endpoint, failed.Value.Dispatches));
    }

    [Fact]
    public void The_items_of_a_for_each_step_count_under_their_step()
    {
        var tally = new StatsTally(new Dictionary<Guid, RunFacts>());
        tally.Add(Run, Given.Started(Run));
        foreach (var index in Enumerable.Range(0, 3))
        {
            tally.Add(Run, Given.Dispatched(Run, $"reserve[{index}]", 1, "inventory", atSeconds: 1));
            tally.Add(Run, Given.Completed(Run, $"reserve[{index}]", 1, startedSeconds: 1.1, atSeconds: 1.2, node: "node-a"));
        }

        var rows = Minutes(tally).ToList();
        Assert.All(rows, row => Assert.Equal("reserve", row.Key.Step));
        Assert.Equal((3L, 3L), (Sum(rows).Dispatches, Sum(rows).Completed));
    }

    [Fact]
    public void Failures_retries_and_compensation_are_counted_with_their_reasons()
    {
        var tally = new StatsTally(new Dictionary<Guid, RunFacts>());
        tally.Add(Run, Given.Started(Run));
        tally.Add(Run, Given.Dispatched(Run, "charge", 1, "payment", 1));
        tally.Add(Run, Given.Failed(Run, "charge", 1, "card declined", 1.1, 1.2));
        tally.Add(Run, Given.Retry(Run, "charge", 1, 1.2));
        tally.Add(Run, Given.Dispatched(Run, "charge", 2, "payment", 2.2));
        tally.Add(Run, Given.Failed(Run, "charge", 2, "card declined", 2.3, 2.4));
        tally.Add(Run, Given.Compensated(Run, "step 'charge' failed", 3));

        var step = Sum(Minutes(tally));
        Assert.Equal((2L, 2L, 1L), (step.Dispatches, step.Failed, step.Retries));
        Assert.Equal(2, step.Failures.Counts["card declined"]);
        var workflow = Assert.Single(tally.Workflows, w => w.Key.Granularity == Granularity.Minute && w.Value.Compensated == 1);
        Assert.Equal(1, workflow.Value.Failures.Counts["step 'charge' failed"]);
    }

    [Fact]
    public void A_workflow_begun_in_an_earlier_batch_is_placed_by_the_facts_read_for_it()
    {
        var facts = new Dictionary<Guid, RunFacts>();
        new StatsTally(facts).Add(Run, Given.Started(Run, "refund", 3));
        new StatsTally(facts).Add(Run, Given.Dispatched(Run, "pay", 1, "payment", 1));

        var tally = new StatsTally(facts);
        tally.Add(Run, Given.Completed(Run, "pay", 1, 1.5, 2));

        var row = Assert.Single(Minutes(tally));
        Assert.Equal(("refund", 3, "payment"), (row.Key.Definition, row.Key.Version, row.Key.Service));
        Assert.Empty(tally.Workflows);
    }

    [Fact]
    public void Events_of_a_workflow_never_seen_starting_count_nowhere()
    {
        var tally = new StatsTally(new Dictionary<Guid, RunFacts>());
        tally.Add(Run, Given.Completed(Run, "pay", 1, 1.5, 2));
        tally.Add(Run, Given.WorkflowCompleted(Run, 3));

        Assert.Empty(tally.Steps);
        Assert.Empty(tally.Workflows);
    }

    [Fact]
    public void A_long_reason_is_cut_so_that_it_fills_one_key()
    {
        var tally = new StatsTally(new Dictionary<Guid, RunFacts>());
        tally.Add(Run, Given.Started(Run));
        tally.Add(Run, Given.Failed(Run, "charge", 1, new string('x', 5000), 1, 2));

        var reason = Assert.Single(Sum(Minutes(tally)).Failures.Counts).Key;
        Assert.Equal(FailureCounts.ReasonLength, reason.Length);
    }

    [Fact]
    public void A_start_without_a_definition_stops_the_tally_with_the_workflow_named()
    {
        var tally = new StatsTally(new Dictionary<Guid, RunFacts>());

        var damaged = Assert.Throws<InvalidDataException>(() => tally.Add(Run, Given.Started(Run, definition: "")));
        Assert.Contains(Run.ToString(), damaged.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<KeyValuePair<StepBucketKey, StepBucketDelta>> Minutes(StatsTally tally) =>
        tally.Steps.Where(s => s.Key.Granularity == Granularity.Minute);

    private static StepBucketDelta Sum(IEnumerable<KeyValuePair<StepBucketKey, StepBucketDelta>> rows)
    {
        var total = new StepBucketDelta();
        foreach (var row in rows)
        {
            total.Add(row.Value);
        }

        return total;
    }
}
