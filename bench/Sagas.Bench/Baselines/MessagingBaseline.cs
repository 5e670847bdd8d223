using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Sagas.Bench.Baselines;

/// <summary>
/// RabbitMQ and MassTransit alone, configured as the Sagas endpoints are (durable messages,
/// publisher confirms, the same prefetch and concurrency): publish → consume, messages/s.
/// </summary>
internal static class MessagingBaseline
{
    public static async Task<double> MessagesPerSecondAsync(BenchSettings settings, int count)
    {
        // A tenth more, untimed, first: connections, topology and JIT warm up outside the measure.
        var warmup = count / 10;
        var received = new Counter(warmup, count);
        await using var provider = new ServiceCollection()
            .AddSingleton(received)
            .AddMassTransit(bus =>
            {
                bus.DisableUsageTelemetry();
                bus.AddConsumer<PingConsumer>().Endpoint(e => e.Name = "bench-baseline");
                bus.UsingRabbitMq((context, rabbitmq) =>
                {
                    rabbitmq.Host(settings.RabbitHost, (ushort)settings.RabbitPort, settings.RabbitVirtualHost, host =>
                    {
                        host.Username(settings.RabbitUser);
                        host.Password(settings.RabbitPassword);
                    });
                    rabbitmq.PrefetchCount = settings.PrefetchCount;
                    rabbitmq.ConcurrentMessageLimit = settings.PrefetchCount;
                    rabbitmq.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider();
        var bus = provider.GetRequiredService<IBusControl>();
        await bus.StartAsync();
        try
        {
            using var inFlight = new SemaphoreSlim(settings.PrefetchCount * 2);
            await PublishAsync(bus, inFlight, warmup);
            await received.WarmedUpAsync(TimeSpan.FromMinutes(1));
            var clock = Stopwatch.StartNew();
            await PublishAsync(bus, inFlight, count);
            await received.AllAsync(TimeSpan.FromMinutes(2));
            return count / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private static async Task PublishAsync(IBus bus, SemaphoreSlim inFlight, int count)
    {
        var publishes = Enumerable.Range(0, count).Select(async i =>
            {
                await inFlight.WaitAsync();
                try
                {
                    await bus.Publish(new BaselinePing(i));
                }
                finally
                {
                    inFlight.Release();
                }
            });
        await Task.WhenAll(publishes);
    }

    /// <summary>A message of about the size of a step result.</summary>
    public sealed record BaselinePing(int Number)
    {
        public string Padding { get; init; } = new('x', 200);
    }

    public sealed class PingConsumer(Counter counter) : IConsumer<BaselinePing>
    {
        public Task Consume(ConsumeContext<BaselinePing> context)
        {
            counter.Add();
            return Task.CompletedTask;
        }
    }

    public sealed class Counter(int warmup, int measured)
    {
        private readonly TaskCompletionSource _warmedUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public void Add()
        {
            var count = Interlocked.Increment(ref _count);
            if (count == warmup)
            {
                _warmedUp.TrySetResult();
            }

            if (count == warmup + measured)
            {
                _all.TrySetResult();
            }
        }

        public Task WarmedUpAsync(TimeSpan timeout) => warmup == 0 ? Task.CompletedTask : _warmedUp.Task.WaitAsync(timeout);

        public Task AllAsync(TimeSpan timeout) => _all.Task.WaitAsync(timeout);
    }
}
