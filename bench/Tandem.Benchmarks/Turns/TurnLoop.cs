using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Tandem.Benchmarks.Infrastructure;
using Tandem.Benchmarks.Turns.Runners;

namespace Tandem.Benchmarks.Turns;

/// <summary>
/// <c>turns CLIENT COUNT [HISTORY_BYTES]</c>: runs the turn benchmarks' clients in a plain loop, for
/// tools that watch a whole process, such as an instruction count (<c>bench/count-instructions.sh</c>
/// runs it under valgrind twice with different counts: the difference is the cost of the extra
/// turns alone, free of start-up, JIT and warm-up). The server is the one <see cref="LocalServer.BaseUrlVariable"/>
/// names (<c>serve</c> starts one and prints its address), so only the client is measured.
/// </summary>
public static class TurnLoop
{
    /// <summary>Turns run before the counted ones: connections, pools and caches are warm by then.</summary>
    private const int WarmUpTurns = 200;

    /// <summary><c>serve [PROFILE]</c>: a local server (profile <c>zero</c> unless named, e.g. <c>openai-like</c>) until SIGTERM/SIGINT.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        // The server's host takes SIGTERM/SIGINT for its own shutdown (and then keeps the process
        // alive): end on either explicitly, or a script's `kill` would leave the server running.
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        await using var server = await LocalServer.StartAsync(args.Length > 0 ? args[0] : "zero").ConfigureAwait(false);
        Console.WriteLine(server.BaseAddress);
        await stop.Task.ConfigureAwait(false);
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true; // exit through the disposal above, not mid-request
            stop.TrySetResult();
        }
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var historyBytes = 0;
        if (args.Length is < 2 or > 3
            || !Enum.TryParse<TurnClient>(args[0], ignoreCase: true, out var client)
            || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || (args.Length == 3 && !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out historyBytes)))
        {
            await Console.Error.WriteLineAsync($"usage: turns CLIENT COUNT [HISTORY_BYTES], CLIENT one of {string.Join(", ", Enum.GetNames<TurnClient>())}").ConfigureAwait(false);
            return 2;
        }

        if (await LocalServer.ExternalAsync("turns").ConfigureAwait(false) is not { } server)
        {
            return 2;
        }

        var runner = TurnRunners.Create(client, server, historyBytes > 0 ? History.ForTarget(historyBytes) : null);

        await using (runner.ConfigureAwait(false))
        {
            await runner.InitializeAsync().ConfigureAwait(false);
            for (var i = 0; i < WarmUpTurns; i++)
            {
                await runner.RunTurnAsync().ConfigureAwait(false);
            }

            // Besides time: the process's CPU (user + system, every thread: idle workers spinning
            // for work included) and the thread-pool work items per turn, which say how often a
            // turn hands work from one thread to another.
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var workItems = ThreadPool.CompletedWorkItemCount;
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                await runner.RunTurnAsync().ConfigureAwait(false);
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            process.Refresh();
            var perTurn = Math.Max(count, 1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{client}: {count} turns in {elapsed.TotalMilliseconds:0} ms; per turn {elapsed.TotalMicroseconds / perTurn:0.0} µs, CPU {(process.TotalProcessorTime - cpu).TotalMicroseconds / perTurn:0.0} µs, {(double)(ThreadPool.CompletedWorkItemCount - workItems) / perTurn:0.00} thread-pool work items"));
        }

        return 0;
    }
}
