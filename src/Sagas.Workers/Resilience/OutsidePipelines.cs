using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Sagas.Workers.Resilience;

/// <summary>
/// One resilience pipeline per service for its handlers' calls to the outside, built when the
/// service is first asked for and kept, so each service has one circuit for the whole process.
/// Outermost first: retry, circuit breaker, timeout of each try.
/// </summary>
public sealed partial class OutsidePipelines(OutsideCallOptions options, TimeProvider clock, ILogger<OutsidePipelines> logger)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _byService = new(StringComparer.Ordinal);

    public ResiliencePipeline For(string service) => _byService.GetOrAdd(service, Build);

    private ResiliencePipeline Build(string service)
    {
        var settings = options.For(service);
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (settings.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.Retries,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,

                // An open circuit fails the attempt at once: retrying would only meet it again.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } error and not BrokenCircuitException && !StepCancelled(error, args.Context)),
                OnRetry = args =>
                {
                    LogRetrying(logger, service, args.AttemptNumber + 1, args.RetryDelay, Reason(args.Outcome));
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = settings.BreakerFailureRatio,
                MinimumThroughput = settings.BreakerMinimumThroughput,
                SamplingDuration = settings.BreakerSamplingDuration,
                BreakDuration = settings.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } error && !StepCancelled(error, args.Context)),
                OnOpened = args =>
                {
                    LogCircuitOpened(logger, service, args.BreakDuration, Reason(args.Outcome));
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LogCircuitClosed(logger, service);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.Timeout)
            .Build();
    }

    // The step itself was cancelled (the worker is stopping): no failure of the outside, nothing to retry.
    private static bool StepCancelled(Exception error, ResilienceContext context) =>
        error is OperationCanceledException && context.CancellationToken.IsCancellationRequested;

    private static string Reason(Outcome<object> outcome) =>
        outcome.Exception is { } error ? $"{error.GetType().Name}: {error.Message}" : "no exception";

    [LoggerMessage(Level = LogLevel.Information, Message = "Outside call of service {Service} failed on try {Try} ({Reason}); trying again in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string service, int @try, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit to the outside of service {Service} opened for {BreakDuration} ({Reason}); its calls fail at once until then")]
    private static partial void LogCircuitOpened(ILogger logger, string service, TimeSpan breakDuration, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit to the outside of service {Service} closed; its calls go through again")]
    private static partial void LogCircuitClosed(ILogger logger, string service);
}
