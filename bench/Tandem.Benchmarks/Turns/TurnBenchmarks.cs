using System.Globalization;
using BenchmarkDotNet.Attributes;
using Tandem.Benchmarks.Infrastructure;
using Tandem.Benchmarks.Turns.Runners;

namespace Tandem.Benchmarks.Turns;

/// <summary>
/// The cost of one streamed turn against the local server with the <c>zero</c> latency profile
/// (every simulated wait 0: what remains is client, protocol and loopback), per client, in one run.
/// Each category has the raw hand-written client of its transport as baseline, so the Ratio /
/// Median Ratio / CPU Ratio / Alloc Ratio columns read directly against the targets. The server
/// runs in the BenchmarkDotNet host process (see <see cref="LocalServer"/>): CPU/op and Allocated
/// are the benchmark process's, i.e. the client's alone.
/// </summary>
[Config(typeof(TurnConfig))]
public class TurnBenchmarks
{
    /// <summary>Turns run before the LOH probe so that connections, JIT and pools are warm.</summary>
    private const int WarmUpTurns = 16;

    /// <summary>Turns the LOH probe watches; a per-turn LOH allocation of ≥ 85 KB would raise ≥ 27 ticks.</summary>
    private const int ProbeTurns = 32;

    /// <summary>Small-history target (one round: the shape of the large one, without the bulk).</summary>
    private const int SmallHistoryBytes = 2 * 1024;

    private const int LargeHistoryBytes = 200 * 1024;

    private ITurnRunner _runner = null!;
    private IAsyncDisposable? _ownedServer;

    // ---- Small turn, HTTP+SSE ----------------------------------------------------------------

    [Benchmark(Description = "Tandem HTTP")]
    [BenchmarkCategory("A small turn, SSE")]
    public Task<int> TandemHttp() => _runner.RunTurnAsync();

    [Benchmark(Baseline = true, Description = "Raw HTTP (floor)")]
    [BenchmarkCategory("A small turn, SSE")]
    public Task<int> RawHttp() => _runner.RunTurnAsync();

    [Benchmark(Description = "OpenAI SDK 2.15")]
    [BenchmarkCategory("A small turn, SSE")]
    public Task<int> OpenAiSdk() => _runner.RunTurnAsync();

    // ---- Small turn, WebSocket ---------------------------------------------------------------

    [Benchmark(Description = "Tandem WebSocket")]
    [BenchmarkCategory("B small turn, WebSocket")]
    public Task<int> TandemWebSocket() => _runner.RunTurnAsync();

    [Benchmark(Description = "Tandem WebSocket, events via thread pool")]
    [BenchmarkCategory("B small turn, WebSocket")]
    public Task<int> TandemWebSocketPooled() => _runner.RunTurnAsync();

    [Benchmark(Baseline = true, Description = "Raw WebSocket (floor)")]
    [BenchmarkCategory("B small turn, WebSocket")]
    public Task<int> RawWebSocket() => _runner.RunTurnAsync();

    // ---- Stateless HTTP turn resending a history: ~2 KB vs ~200 KB ---------------------------

    [Benchmark(Description = "Tandem HTTP, 2 KB history")]
    [BenchmarkCategory("C history 2 KB, SSE")]
    public Task<int> TandemHttpHistory2K() => _runner.RunTurnAsync();

    [Benchmark(Baseline = true, Description = "Raw HTTP, 2 KB history")]
    [BenchmarkCategory("C history 2 KB, SSE")]
    public Task<int> RawHttpHistory2K() => _runner.RunTurnAsync();

    [Benchmark(Description = "OpenAI SDK, 2 KB history")]
    [BenchmarkCategory("C history 2 KB, SSE")]
    public Task<int> OpenAiSdkHistory2K() => _runner.RunTurnAsync();

    [Benchmark(Description = "Tandem HTTP, 200 KB history")]
    [BenchmarkCategory("D history 200 KB, SSE")]
    public Task<int> TandemHttpHistory200K() => _runner.RunTurnAsync();

    [Benchmark(Baseline = true, Description = "Raw HTTP, 200 KB history")]
    [BenchmarkCategory("D history 200 KB, SSE")]
    public Task<int> RawHttpHistory200K() => _runner.RunTurnAsync();

    [Benchmark(Description = "OpenAI SDK, 200 KB history")]
    [BenchmarkCategory("D history 200 KB, SSE")]
    public Task<int> OpenAiSdkHistory200K() => _runner.RunTurnAsync();

    // ---- One setup per benchmark: only the client under test exists in its process -------------
    // (no other client's sockets, timers or warmed code paths share the measured process)

    [GlobalSetup(Target = nameof(TandemHttp))]
    public Task SetupTandemHttp() => SetupAsync(TurnClient.TandemHttp, 0);

    [GlobalSetup(Target = nameof(RawHttp))]
    public Task SetupRawHttp() => SetupAsync(TurnClient.RawHttp, 0);

    [GlobalSetup(Target = nameof(OpenAiSdk))]
    public Task SetupOpenAiSdk() => SetupAsync(TurnClient.OpenAiSdk, 0);

    [GlobalSetup(Target = nameof(TandemWebSocket))]
    public Task SetupTandemWebSocket() => SetupAsync(TurnClient.TandemWebSocket, 0);

    [GlobalSetup(Target = nameof(TandemWebSocketPooled))]
    public Task SetupTandemWebSocketPooled() => SetupAsync(TurnClient.TandemWebSocketPooled, 0);

    [GlobalSetup(Target = nameof(RawWebSocket))]
    public Task SetupRawWebSocket() => SetupAsync(TurnClient.RawWebSocket, 0);

    [GlobalSetup(Target = nameof(TandemHttpHistory2K))]
    public Task SetupTandemHttpHistory2K() => SetupAsync(TurnClient.TandemHttp, SmallHistoryBytes);

    [GlobalSetup(Target = nameof(RawHttpHistory2K))]
    public Task SetupRawHttpHistory2K() => SetupAsync(TurnClient.RawHttp, SmallHistoryBytes);

    [GlobalSetup(Target = nameof(OpenAiSdkHistory2K))]
    public Task SetupOpenAiSdkHistory2K() => SetupAsync(TurnClient.OpenAiSdk, SmallHistoryBytes);

    [GlobalSetup(Target = nameof(TandemHttpHistory200K))]
    public Task SetupTandemHttpHistory200K() => SetupAsync(TurnClient.TandemHttp, LargeHistoryBytes);

    [GlobalSetup(Target = nameof(RawHttpHistory200K))]
    public Task SetupRawHttpHistory200K() => SetupAsync(TurnClient.RawHttp, LargeHistoryBytes);

    [GlobalSetup(Target = nameof(OpenAiSdkHistory200K))]
    public Task SetupOpenAiSdkHistory200K() => SetupAsync(TurnClient.OpenAiSdk, LargeHistoryBytes);

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_runner is not null) // null when the setup failed: let its exception be the one reported
        {
            await _runner.DisposeAsync().ConfigureAwait(false);
        }

        if (_ownedServer is not null)
        {
            await _ownedServer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task SetupAsync(TurnClient client, int historyBytes)
    {
        var (baseAddress, owned) = await LocalServer.ResolveAsync().ConfigureAwait(false);
        _ownedServer = owned;

        History? history = null;
        if (historyBytes > 0)
        {
            // Tool outputs of ~4 KB for the large history; one ~1.8 KB output makes the small one (a single round).
            history = History.ForTarget(historyBytes);
            Console.WriteLine($"// history: {history.Items.Count} items, {history.JsonBytes} bytes of input JSON");
        }

        _runner = TurnRunners.Create(client, baseAddress, history);

        await _runner.InitializeAsync().ConfigureAwait(false);
        var events = 0;
        for (var i = 0; i < WarmUpTurns; i++)
        {
            events = await _runner.RunTurnAsync().ConfigureAwait(false);
        }

        await ProbeLargeObjectHeapAsync(events).ConfigureAwait(false);
    }

    private async Task ProbeLargeObjectHeapAsync(int eventsPerTurn)
    {
        var gen2Before = GC.CollectionCount(2);
        using (var probe = new LargeObjectHeapProbe())
        {
            for (var i = 0; i < ProbeTurns; i++)
            {
                await _runner.RunTurnAsync().ConfigureAwait(false);
            }

            // Runtime events reach an in-process listener through a buffered session: give the last ones time to arrive.
            await Task.Delay(TimeSpan.FromSeconds(1.5)).ConfigureAwait(false);
            var gen2 = GC.CollectionCount(2) - gen2Before;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{ProbeLine.Prefix} turns={ProbeTurns} events-per-turn={eventsPerTurn} loh-bytes-per-turn={probe.Bytes / ProbeTurns} loh-ticks={probe.Ticks} gen2-per-turn={(double)gen2 / ProbeTurns:0.###} loh-types={probe.Types}"));
        }
    }
}
