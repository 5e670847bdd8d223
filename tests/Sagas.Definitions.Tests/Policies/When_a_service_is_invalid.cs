namespace Sagas.Definitions.Tests.Policies;

public class When_a_service_is_invalid
{
    [Fact]
    public void Reports_a_service_name_that_is_not_a_valid_service()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              services:
                Payment:
                  alternates: [payment-backup]
            """);

        Assert.Equal(
            (ErrorCodes.InvalidName, 3,
                "service name 'Payment' in 'orchestration.services' may hold only lower-case letters, digits, '.', '_' and '-' (at most 100), starting with a letter or digit"),
            error);
    }

    [Fact]
    public void Reports_a_service_declared_twice()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              services:
                payment: {}
                payment:
                  alternates: [payment-backup]
            """);

        Assert.Equal((ErrorCodes.DuplicateKey, 4, "key 'orchestration.services.payment' is written twice (first on line 3)"), error);
    }

    [Fact]
    public void Reports_an_alternate_that_is_the_service_itself()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              services:
                payment:
                  alternates: [payment-backup, payment]
            """);

        Assert.Equal(
            (ErrorCodes.SelfAlternate, 4, "'orchestration.services.payment.alternates' lists 'payment', the service it is an alternate for; fail over only to other services"),
            error);
    }

    [Fact]
    public void Reports_an_alternate_listed_twice()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              services:
                payment:
                  alternates:
                    - payment-backup
                    - payment-backup
            """);

        Assert.Equal(
            (ErrorCodes.DuplicateAlternate, 6,
                "'orchestration.services.payment.alternates' lists 'payment-backup' twice (first on line 5); each alternate is tried once, in order"),
            error);
    }

    [Fact]
    public void Reports_alternates_that_are_not_a_list_of_service_names()
    {
        var result = LoadPolicies.Yaml("""
            orchestration:
              services:
                payment:
                  alternates: payment-backup
                fraud:
                  alternates: [Fraud_Backup]
            """);

        Assert.Equal(
            [
                (ErrorCodes.WrongType, 4, "'orchestration.services.payment.alternates' must be a list of service names, not a string"),
                (ErrorCodes.InvalidName, 6,
                    "'orchestration.services.fraud.alternates' entry 'Fraud_Backup' may hold only lower-case letters, digits, '.', '_' and '-' (at most 100), starting with a letter or digit"),
            ],
            result.Errors.Select(e => (e.Code, e.Line, e.Message)));
    }

    [Fact]
    public void Reports_a_workflow_id_that_is_not_valid()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              workflows:
                "order fulfilment": {}
            """);

        Assert.Equal(ErrorCodes.InvalidName, error.Code);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("workflow id 'order fulfilment' in 'orchestration.workflows' may hold only", error.Message);
    }
}
