using System.Diagnostics;
using System.Globalization;
using Tandem.Benchmarks.Infrastructure;
using Tandem.Benchmarks.Turns.Runners;

namespace Tandem.Benchmarks.Turns;

/// <summary>
/// <c>pair CLIENT_A CLIENT_B [BLOCKS [TURNS_PER_BLOCK [HISTORY_BYTES]]]</c>: two clients in one process,
/// interleaved in blocks (A B A B …) after a long warm-up, each block measured on its own. A shared
/// machine's speed drifts by tens of percent within minutes (benchmark-method.md), so two clients
/// measured one after the other, as BenchmarkDotNet runs them, can differ by the drift alone; the
/// ratio of neighbouring blocks cancels it. Reports, per client, the median of every turn's wall time
/// and the process's CPU per turn; then the median over block pairs of B's ratio to A.
/// </summary>
/// <remarks>
/// The process's CPU includes the idle client's threads, which do nothing between their blocks (a
/// WebSocket's keep-alive ping is one frame per 20 s), and the thread pool's idle spinning, which
/// both clients cause alike. The server is the one <see cref="LocalServer.BaseUrlVariable"/> names,
/// in another process, so only the clients are measured.
/// </remarks>
public static class TurnPairLoop
{
    /// <summary>
    /// Turns of each client before the first block: enough for tiered compilation to have finished
    /// (its background JIT would otherwise land in the first blocks' CPU, and more of it for the
    /// client with more code).
    /// </summary>
    private const int WarmUpTurns = 5000;

    public static async Task<int> RunAsync(string[] args)
    {
        int blocks = 20, turnsPerBlock = 500, historyBytes = 0;
        if (args.Length is < 2 or > 5
            || !Enum.TryParse<TurnClient>(args[0], ignoreCase: true, out var clientA)
            || !Enum.TryParse<TurnClient>(args[1], ignoreCase: true, out var clientB)
            || (args.Length > 2 && !TryPositive(args[2], out blocks))
            || (args.Length > 3 && !TryPositive(args[3], out turnsPerBlock))
            || (args.Length > 4 && !int.TryParse(args[4], NumberStyles.None, CultureInfo.InvariantCulture, out historyBytes)))
        {
            await Console.Error.WriteLineAsync($"usage: pair CLIENT_A CLIENT_B [BLOCKS [TURNS_PER_BLOCK [HISTORY_BYTES]]], clients among {string.Join(", ", Enum.GetNames<TurnClient>())}").ConfigureAwait(false);
            return 2;
        }

        if (await LocalServer.ExternalAsync("pair").ConfigureAwait(false) is not { } server)
        {
            return 2;
        }

        var history = historyBytes > 0 ? History.ForTarget(historyBytes) : null;
        var a = new Side(clientA, TurnRunners.Create(clientA, server, history), blocks * turnsPerBlock);
        var b = new Side(clientB, TurnRunners.Create(clientB, server, history), blocks * turnsPerBlock);
        await using (a.Runner.ConfigureAwait(false))
        await using (b.Runner.ConfigureAwait(false))
        {
            foreach (var side in (Side[])[a, b])
            {
                await side.Runner.InitializeAsync().ConfigureAwait(false);
                for (var i = 0; i < WarmUpTurns; i++)
                {
                    await side.Runner.RunTurnAsync().ConfigureAwait(false);
                }
            }

            var latencyRatios = new double[blocks];
            var cpuRatios = new double[blocks];
            for (var block = 0; block < blocks; block++)
            {
                // Alternate which client goes first, so neither always follows the other.
                var (first, second) = block % 2 == 0 ? (a, b) : (b, a);
                await first.RunBlockAsync(turnsPerBlock).ConfigureAwait(false);
                await second.RunBlockAsync(turnsPerBlock).ConfigureAwait(false);
                latencyRatios[block] = b.LastBlockMedian / a.LastBlockMedian;
                cpuRatios[block] = b.LastBlockCpu / a.LastBlockCpu;
            }

            var historyText = history is null ? string.Empty : $", history {history.JsonBytes} B";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pair: {blocks} blocks of {turnsPerBlock} turns each, interleaved, after {WarmUpTurns} warm-up turns each{historyText}"));
            foreach (var side in (Side[])[a, b])
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{side.Client}: median turn {Median(side.Latencies):0.0} µs, CPU {side.TotalCpu.TotalMicroseconds / side.Turns:0.0} µs per turn"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{clientB} / {clientA}: latency {Median(latencyRatios):0.00}x, CPU {Median(cpuRatios):0.00}x (medians of the {blocks} block pairs; CPU quartiles {Quantile(cpuRatios, 0.25):0.00}-{Quantile(cpuRatios, 0.75):0.00})"));
        }

        return 0;
    }

    private static bool TryPositive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    private static double Median(double[] values) => Quantile(values, 0.5);

    private static double Quantile(double[] values, double q)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }

    private sealed class Side(TurnClient client, ITurnRunner runner, int capacity)
    {
        public TurnClient Client { get; } = client;

        public ITurnRunner Runner { get; } = runner;

        /// <summary>Every measured turn's wall time, µs.</summary>
        public double[] Latencies { get; } = new double[capacity];

        public int Turns { get; private set; }

        public TimeSpan TotalCpu { get; private set; }

        public double LastBlockMedian { get; private set; }

        public double LastBlockCpu { get; private set; }

        public async Task RunBlockAsync(int turns)
        {
            // Environment.CpuUsage is getrusage on Unix (µs), where Process.TotalProcessorTime counts
            // clock ticks (10 ms, a tenth of a block's CPU).
            var start = Turns;
            var cpu = Environment.CpuUsage.TotalTime;
            for (var i = 0; i < turns; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await Runner.RunTurnAsync().ConfigureAwait(false);
                Latencies[Turns++] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }

            var used = Environment.CpuUsage.TotalTime - cpu;
            TotalCpu += used;
            LastBlockCpu = used.TotalMicroseconds / turns;
            LastBlockMedian = Median(Latencies[start..Turns]);
        }
    }
}
