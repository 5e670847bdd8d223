using Sagas.IntegrationTests.Engine;
using Sagas.Samples;

namespace Sagas.IntegrationTests.Policies;

/// <summary>
/// A node that follows <see cref="Policies"/>, on a vhost and database of its own (its circuits
/// and balancers live in its memory, and no other test's node may take its messages). Its
/// definitions are the samples, a one-step workflow on the <c>noop</c> service, one whose
/// step fails over to a service that does not exist, and a charge with a short timeout.
/// </summary>
public class PolicyNode : EngineNode
{
    public const string Policies = """
        orchestration:
          policies:
            - name: failover
              enabled: true
            - name: dependency_resolution
              on_unresolved: needs_attention
          services:
            payment:
              alternates: [payment-backup]
              policies:
                - name: retry
                  max_attempts: 2
                  delay: 50ms
                - name: circuit_breaker
                  failure_ratio: 0.5
                  window: 30s
                  break_for: 2s
                  minimum_calls: 4
                  when_open: failover
            payment-backup: {}
            noop:
              endpoints:
                - name: noop-a
                  weight: 3
                - name: noop-b
                  weight: 2
                - name: noop-c
                  weight: 1
              policies:
                - name: load_balancing
                  algorithm: weighted
                  enabled: true
        """;

    public const string OneNoop = """
        id: one-noop
        version: 1
        steps:
          - id: work
            service: noop
        """;

    /// <summary>Fails over to a service nobody declared (a typo): the node starts, and reverts when a run meets it.</summary>
    public const string TypoFailover = """
        id: typo-failover
        version: 1
        input:
          simulate: { type: object, required: false }
        steps:
          - id: charge
            service: payment
            alternates: [payment-bakup]
            input:
              simulate: $.input.simulate
        """;

    /// <summary>A charge that gives up on an answer after 2 s, and refunds what it took; on payment it fails over to the backup.</summary>
    public const string QuickCharge = """
        id: quick-charge
        version: 1
        input:
          orderId: string
          amount: number
          simulate: { type: object, required: false }
        steps:
          - id: charge
            service: payment
            timeout: 2s
            input:
              orderId: $.input.orderId
              amount: $.input.amount
              simulate: $.input.simulate
            compensate:
              service: payment
              input:
                orderId: $.input.orderId
                paymentId: $.steps.charge.output.paymentId
                simulate: $.input.simulate
        output:
          paymentId: $.steps.charge.output.paymentId
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sagas-policies-{Guid.NewGuid():N}");

    protected virtual string VirtualHost => "sagas-test-policies";

    protected virtual string Database => "sagas_test_policies";

    protected override async Task<Dictionary<string, string?>> SettingsAsync()
    {
        await TestBroker.EnsureVirtualHostAsync(VirtualHost);
        Directory.CreateDirectory(_folder);
        foreach (var sample in Directory.EnumerateFiles(SampleDefinitions.Folder).Where(f => !f.EndsWith("policies.yaml", StringComparison.Ordinal)))
        {
            File.Copy(sample, Path.Combine(_folder, Path.GetFileName(sample)));
        }

        await File.WriteAllTextAsync(Path.Combine(_folder, "one-noop.yaml"), OneNoop);
        await File.WriteAllTextAsync(Path.Combine(_folder, "typo-failover.yaml"), TypoFailover);
        await File.WriteAllTextAsync(Path.Combine(_folder, "quick-charge.yaml"), QuickCharge);
        await File.WriteAllTextAsync(Path.Combine(_folder, "policies.yaml"), Policies);
        var settings = await base.SettingsAsync();
        settings["Sagas:Policies:Path"] = string.Empty;
        settings["Sagas:Definitions:Path"] = _folder;
        settings["Sagas:RabbitMq:VirtualHost"] = VirtualHost;
        settings["Sagas:Postgres:ConnectionString"] = await TestDatabase.PrepareAsync(Database);
        return settings;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
