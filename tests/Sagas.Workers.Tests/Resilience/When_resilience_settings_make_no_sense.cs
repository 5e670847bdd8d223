using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sagas.Workers.Resilience;

namespace Sagas.Workers.Tests.Resilience;

public sealed class When_resilience_settings_make_no_sense
{
    [Fact]
    public void The_defaults_make_no_problems() =>
        Assert.Empty(OutsideCallOptions.From(WorkerNode.Configuration([])).Problems());

    [Fact]
    public void Each_problem_names_its_key()
    {
        var configuration = WorkerNode.Configuration(new Dictionary<string, string?>
        {
            ["Sagas:Workers:Resilience:Default:Retries"] = "-1",
            ["Sagas:Workers:Resilience:Default:BreakerMinimumThroughput"] = "1",
            ["Sagas:Workers:Resilience:Services:payment:Retries"] = "3",
            ["Sagas:Workers:Resilience:Services:payment:BreakerFailureRatio"] = "1.5",
            ["Sagas:Workers:Resilience:Services:payment:Timeout"] = "00:00:00",
            ["Sagas:Workers:Resilience:Services:payment:BreakDuration"] = "00:00:00.100",
        });

        var problems = OutsideCallOptions.From(configuration).Problems();

        Assert.Equal(
            [
                "Sagas:Workers:Resilience:Default:Retries must be 0 or more (it is -1)",
                "Sagas:Workers:Resilience:Default:BreakerMinimumThroughput must be at least 2 (it is 1)",
                "Sagas:Workers:Resilience:Services:payment:Timeout must be between 10 ms and 1 day (it is 00:00:00)",
                "Sagas:Workers:Resilience:Services:payment:BreakerFailureRatio must be above 0 and at most 1 (it is 1.5)",
                "Sagas:Workers:Resilience:Services:payment:BreakerMinimumThroughput must be at least 2 (it is 1)",
                "Sagas:Workers:Resilience:Services:payment:BreakDuration must be between 0.5 s and 1 day (it is 00:00:00.1000000)",
            ],
            problems);
    }

    [Fact]
    public async Task The_worker_refuses_them_at_start_naming_each()
    {
        var builder = WorkerNode.Builder(new Dictionary<string, string?>
        {
            ["Sagas:Workers:Resilience:Services:payment:RetryDelay"] = "-00:00:01",
            ["Sagas:Workers:Resilience:Services:payment:Retries"] = "-1",
        });
        builder.AddSagasWorkers();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            [
                "Sagas:Workers:Resilience:Services:payment:Retries must be 0 or more (it is -1)",
                "Sagas:Workers:Resilience:Services:payment:RetryDelay must be between 0 and 1 day (it is -00:00:01)",
            ],
            error.Failures);
    }

    [Fact]
    public async Task The_worker_names_a_value_that_is_not_a_number_at_start()
    {
        var builder = WorkerNode.Builder(new Dictionary<string, string?> { ["Sagas:Workers:Resilience:Default:Retries"] = "many" });
        builder.AddSagasWorkers();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Sagas:Workers:Resilience:Default:Retries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_worker_registered_without_settings_gets_the_defaults()
    {
        using var services = new ServiceCollection()
            .AddLogging()
            .AddMassTransit(bus => bus.AddStepWorkers())
            .BuildServiceProvider();

        Assert.Equal(new OutsideCallSettings(), services.GetRequiredService<OutsideCallOptions>().For("payment"));
        Assert.NotNull(services.GetRequiredService<StepHandlers>());
    }
}
