using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;

namespace Tandem.Bench.Capacity;

/// <summary>K connections send small scripted turns back to back; turns completed in the window count.</summary>
internal static class TurnRateTest
{
    internal const int MaxErrorMessages = 5;

    public static async Task<TurnRateResults> RunAsync(
        CapacityServer server, CapacityConnector connector, CapacityOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var results = new TurnRateResults
        {
            Connections = options.TurnConcurrency,
            ChainTurns = options.ChainTurns,
            WarmupSeconds = options.TurnWarmup.TotalSeconds,
            Processors = Environment.ProcessorCount,
        };

        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"turns: opening {options.TurnConcurrency} connections"));
        var connections = new List<TurnConnection>();
        try
        {
            foreach (var _ in Enumerable.Range(0, options.TurnConcurrency))
            {
                connections.Add(new TurnConnection(await connector.ConnectAsync(cancellationToken).ConfigureAwait(false), options));
            }

            var windowStart = Stopwatch.GetTimestamp() + (long)(options.TurnWarmup.TotalSeconds * Stopwatch.Frequency);
            var windowEnd = windowStart + (long)(options.TurnDuration.TotalSeconds * Stopwatch.Frequency);
            var tallies = connections.Select(_ => new TurnTally()).ToArray();

            // A stuck server must not hang the bench: everything stops a while after the window.
            using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            hardStop.CancelAfter(options.TurnWarmup + options.TurnDuration + TimeSpan.FromSeconds(30));
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"turns: {options.TurnWarmup.TotalSeconds:0} s warm-up, then {options.TurnDuration.TotalSeconds:0} s measured"));
            var workers = connections.Select((c, i) => Task.Run(() => WorkerAsync(c, connector, options, tallies[i], windowStart, windowEnd, hardStop.Token), cancellationToken)).ToArray();

            // CPU and collections over the same window, read beside the running workers.
            await DelayUntilAsync(windowStart, cancellationToken).ConfigureAwait(false);
            var serverCpu0 = server.CpuSeconds();
            var clientCpu0 = ClientCpuSeconds();
            int[] gc0 = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            var allocated0 = GC.GetTotalAllocatedBytes(precise: false);
            var measured0 = Stopwatch.GetTimestamp();
            await DelayUntilAsync(windowEnd, cancellationToken).ConfigureAwait(false);
            var serverCpu1 = server.CpuSeconds();
            var clientCpu1 = ClientCpuSeconds();
            int[] gc1 = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            var allocated1 = GC.GetTotalAllocatedBytes(precise: false);
            var cpuWindow = Stopwatch.GetElapsedTime(measured0).TotalSeconds;
            results.ClientThreadPoolThreads = ThreadPool.ThreadCount;

            await Task.WhenAll(workers).ConfigureAwait(false);

            var window = (windowEnd - windowStart) / (double)Stopwatch.Frequency;
            var cpuScale = cpuWindow > 0 ? window / cpuWindow : 1;
            results.WindowSeconds = window;
            results.ServerCpuSeconds = serverCpu0 is { } s0 && serverCpu1 is { } s1 ? (s1 - s0) * cpuScale : null;
            results.ClientCpuSeconds = (clientCpu1 - clientCpu0) * cpuScale;
            results.ClientCollections = $"{gc1[0] - gc0[0]}/{gc1[1] - gc0[1]}/{gc1[2] - gc0[2]}";
            results.ClientAllocatedBytes = (allocated1 - allocated0) * cpuScale;

            var latencies = tallies.SelectMany(t => t.Latencies).ToArray();
            Array.Sort(latencies);
            results.Turns = latencies.Length;
            results.Errors = tallies.Sum(t => t.Errors);
            foreach (var message in tallies.SelectMany(t => t.ErrorMessages).Distinct(StringComparer.Ordinal).Take(MaxErrorMessages))
            {
                results.ErrorMessages.Add(message);
            }

            if (latencies.Length > 0)
            {
                results.P50Ms = Percentile(latencies, 0.50);
                results.P95Ms = Percentile(latencies, 0.95);
                results.P99Ms = Percentile(latencies, 0.99);
                results.MaxMs = latencies[^1] * 1000.0 / Stopwatch.Frequency;
                results.EventsPerTurn = tallies.Sum(t => t.Frames) / (double)latencies.Length;
                results.BytesReceivedPerTurn = tallies.Sum(t => t.Bytes) / (double)latencies.Length;
            }

            results.ServerAfter = server.SampleMemory(collect: false);
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"turns: {results.TurnsPerSecond:N0} turns/s, p50 {results.P50Ms:0.00} ms, p95 {results.P95Ms:0.00} ms, {results.Errors} errors"));
            return results;
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connector.CloseAsync(connection.Socket, CancellationToken.None).ConfigureAwait(false);
                connection.Dispose();
            }
        }
    }

    private static async Task WorkerAsync(
        TurnConnection connection, CapacityConnector connector, CapacityOptions options, TurnTally tally, long windowStart, long windowEnd, CancellationToken cancellationToken)
    {
        var current = connection;
        try
        {
            while (Stopwatch.GetTimestamp() < windowEnd)
            {
                TurnOutcome outcome;
                try
                {
                    outcome = await current.RunTurnAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is WebSocketException or IOException && !cancellationToken.IsCancellationRequested)
                {
                    tally.Error(ex.Message);

                    // The connection broke: one new one, or this worker is done.
                    if (current != connection)
                    {
                        current.Dispose();
                    }

                    current = new TurnConnection(await connector.ConnectAsync(cancellationToken).ConfigureAwait(false), options);
                    continue;
                }

                if (outcome.EndedAt < windowStart || outcome.EndedAt > windowEnd)
                {
                    continue;
                }

                if (outcome.Completed)
                {
                    tally.Latencies.Add(outcome.EndedAt - outcome.StartedAt);
                    tally.Frames += outcome.Frames;
                    tally.Bytes += outcome.BytesReceived;
                }
                else
                {
                    tally.Error(outcome.Error ?? "turn failed");
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or System.Net.Http.HttpRequestException)
        {
            tally.Error("worker stopped: " + ex.Message);
        }
        finally
        {
            if (current != connection)
            {
                current.Dispose();
            }
        }
    }

    private static double Percentile(long[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    private static async Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var wait = timestamp - Stopwatch.GetTimestamp();
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency), cancellationToken).ConfigureAwait(false);
        }
    }

    private static double ClientCpuSeconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }
}
