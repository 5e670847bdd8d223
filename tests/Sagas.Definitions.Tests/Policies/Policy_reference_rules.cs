using Sagas.Definitions.Model;
using Sagas.Definitions.Policies;

namespace Sagas.Definitions.Tests.Policies;

public class Policy_reference_rules
{
    private static readonly WorkflowDefinition Orders = Load.ValidYaml("""
        id: order-fulfilment
        version: 1
        steps:
          - id: charge
            service: payment
            alternates: [payment-backup, payment-legacy]
            compensate:
              service: refunds
          - id: ship
            service: shipping
            alternates: [refunds]
        """, "orders.yaml");

    [Fact]
    public void Accepts_workflows_and_alternates_that_exist()
    {
        var policies = LoadPolicies.ValidYaml("""
            orchestration:
              services:
                payment-backup: {}
                payment-legacy: {}
                shipping:
                  alternates: [payment, refunds]
              workflows:
                order-fulfilment:
                  policies:
                    - name: failover
                      enabled: false
            """);

        Assert.Empty(PolicyReferenceRules.Check(policies, [Orders]));
    }

    [Fact]
    public void Reports_a_workflow_that_no_definition_has_with_the_closest_id()
    {
        var policies = LoadPolicies.ValidYaml("""
            orchestration:
              services:
                payment-backup: {}
                payment-legacy: {}
              workflows:
                order-fulfillment:
                  policies:
                    - name: retry
                      max_attempts: 2
            """);

        var error = Assert.Single(PolicyReferenceRules.Check(policies, [Orders]));

        Assert.Equal(
            ("policies.yaml", 8, ErrorCodes.UnknownWorkflow,
                "'orchestration.workflows.order-fulfillment' names no workflow definition (did you mean 'order-fulfilment'?); known: order-fulfilment"),
            (error.File, error.Line, error.Code, error.Message));
    }

    [Fact]
    public void Reports_an_alternate_of_a_service_that_nothing_calls_or_declares()
    {
        var policies = LoadPolicies.ValidYaml("""
            orchestration:
              services:
                payment-backup: {}
                payment-legacy: {}
                shipping:
                  alternates: [courier]
            """);

        var error = Assert.Single(PolicyReferenceRules.Check(policies, [Orders]));

        Assert.Equal(
            ("policies.yaml", 5, null, ErrorCodes.UnknownService,
                "'orchestration.services.shipping.alternates' lists unknown service 'courier'; no step or compensation calls it and orchestration.services does not declare it"),
            (error.File, error.Line, error.StepId, error.Code, error.Message));
    }

    [Fact]
    public void Reports_an_alternate_of_a_step_in_the_definition_s_file()
    {
        var policies = LoadPolicies.ValidYaml("""
            orchestration:
              services:
                payment-backup: {}
            """);

        var error = Assert.Single(PolicyReferenceRules.Check(policies, [Orders]));

        Assert.Equal(
            ("orders.yaml", 4, "charge", ErrorCodes.UnknownService,
                "'alternates' lists unknown service 'payment-legacy'; no step or compensation calls it and orchestration.services does not declare it"),
            (error.File, error.Line, error.StepId, error.Code, error.Message));
    }

    [Fact]
    public void Checks_step_alternates_against_the_services_of_every_definition_without_a_policy_file()
    {
        var legacy = Load.ValidYaml("id: legacy\nversion: 1\nsteps:\n  - id: a\n    service: payment-legacy\n  - id: b\n    service: payment-backup\n");

        Assert.Empty(PolicyReferenceRules.Check(PolicyFile.Empty, [Orders, legacy]));
    }
}
