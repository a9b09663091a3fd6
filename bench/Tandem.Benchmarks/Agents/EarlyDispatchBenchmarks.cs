using System.ClientModel;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Tandem.Benchmarks.Infrastructure;
using Tandem.Extensions.AI;
using Tandem.Responses;
using Tandem.Server;
using OpenAiResponsesClient = OpenAI.Responses.ResponsesClient;
using OpenAiResponsesClientOptions = OpenAI.Responses.ResponsesClientOptions;

namespace Tandem.Benchmarks.Agents;

/// <summary>
/// Issue 4's early-dispatch target: one operation is a whole run of <c>scenarios/fanout-unequal.json</c>
/// (3 rounds of 8 parallel calls to tools of 50-400 ms, then an answer) against a local server whose
/// latency profile streams the calls over ~0.6 s per round. Tandem's <c>AgentRunner</c> starts each
/// call on its <c>output_item.done</c>; <c>FunctionInvokingChatClient</c> starts them when the
/// response has completed, serially or concurrently. The summary divides each median by the critical
/// path (<see cref="CriticalPath"/>) of its transport and by the floor of its own scheduling.
/// </summary>
/// <remarks>
/// An operation lasts seconds, so each iteration is one run (invocation count 1). Every benchmark has
/// its own setup and server: only the client under test exists in its process.
/// </remarks>
[Config(typeof(EarlyDispatchConfig))]
[InvocationCount(1)]
public class EarlyDispatchBenchmarks
{
    private IFanOutRunner _runner = null!;
    private TandemServerHost? _server;
    private int _setupRuns;
    private string _method = string.Empty;

    [Benchmark(Baseline = true, Description = "Tandem AgentRunner, WebSocket")]
    [ClientShape(overHttp: false, ToolScheduling.EarlyDispatch)]
    public Task<int> TandemWebSocket() => _runner.RunAsync();

    [Benchmark(Description = "Tandem AgentRunner, HTTP+SSE")]
    [ClientShape(overHttp: true, ToolScheduling.EarlyDispatch)]
    public Task<int> TandemHttp() => _runner.RunAsync();

    [Benchmark(Description = "FICC serial, OpenAI SDK IChatClient")]
    [ClientShape(overHttp: true, ToolScheduling.AfterCompletionSerial)]
    public Task<int> FiccSerialOpenAi() => _runner.RunAsync();

    [Benchmark(Description = "FICC concurrent, OpenAI SDK IChatClient")]
    [ClientShape(overHttp: true, ToolScheduling.AfterCompletionConcurrent)]
    public Task<int> FiccConcurrentOpenAi() => _runner.RunAsync();

    [Benchmark(Description = "FICC concurrent, Tandem IChatClient (WS)")]
    [ClientShape(overHttp: false, ToolScheduling.AfterCompletionConcurrent)]
    public Task<int> FiccConcurrentTandemWebSocket() => _runner.RunAsync();

    [GlobalSetup(Target = nameof(TandemWebSocket))]
    public Task SetupTandemWebSocket() => SetupAsync(nameof(TandemWebSocket), (address, tools, calls) => new TandemFanOutRunner(address, ResponsesTransportKind.WebSocket, tools, calls));

    [GlobalSetup(Target = nameof(TandemHttp))]
    public Task SetupTandemHttp() => SetupAsync(nameof(TandemHttp), (address, tools, calls) => new TandemFanOutRunner(address, ResponsesTransportKind.HttpSse, tools, calls));

    [GlobalSetup(Target = nameof(FiccSerialOpenAi))]
    public Task SetupFiccSerialOpenAi() => SetupAsync(nameof(FiccSerialOpenAi), (address, tools, calls) => new ChatClientFanOutRunner(OpenAiChatClient(address), concurrent: false, tools, calls));

    [GlobalSetup(Target = nameof(FiccConcurrentOpenAi))]
    public Task SetupFiccConcurrentOpenAi() => SetupAsync(nameof(FiccConcurrentOpenAi), (address, tools, calls) => new ChatClientFanOutRunner(OpenAiChatClient(address), concurrent: true, tools, calls));

    [GlobalSetup(Target = nameof(FiccConcurrentTandemWebSocket))]
    public Task SetupFiccConcurrentTandemWebSocket() => SetupAsync(nameof(FiccConcurrentTandemWebSocket), (address, tools, calls) =>
    {
        var client = new ResponsesClient(new ResponsesClientOptions
        {
            BaseUrl = new Uri(address, "/v1/"),
            Transport = ResponsesTransportKind.WebSocket,
            ApiKeys = { LocalServer.ApiKey },
        });
        return new ChatClientFanOutRunner(client.AsIChatClient(FanOutScenario.Model), concurrent: true, tools, calls, client.DisposeAsync);
    });

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_runner is not null) // null when the setup failed: let its exception be the one reported
        {
            // Where the time went, round by round, against the ideal of this client's scheduling.
            var shape = typeof(EarlyDispatchBenchmarks).GetMethod(_method)!.GetCustomAttribute<ClientShapeAttribute>()!;
            foreach (var line in TimingReport.Describe(_method, shape, _runner.Runs.Skip(_setupRuns).ToList()))
            {
                Console.WriteLine(line);
            }

            await _runner.DisposeAsync().ConfigureAwait(false);
        }

        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static IChatClient OpenAiChatClient(Uri address) =>
        new OpenAiResponsesClient(new ApiKeyCredential(LocalServer.ApiKey), new OpenAiResponsesClientOptions { Endpoint = new Uri(address, "/v1") })
            .AsIChatClient(FanOutScenario.Model);

    private async Task SetupAsync(string method, Func<Uri, IReadOnlyList<ToolSimulation>, int, IFanOutRunner> create)
    {
        _method = method;
        foreach (var line in FanOutEstimates.Describe())
        {
            Console.WriteLine(line);
        }

        var scenario = FanOutScenario.LoadScenario();
        var expectedCalls = scenario.Turns.Sum(t => t.Output.Count(o => o.Type == "function_call"));
        _server = await FanOutServer.StartAsync().ConfigureAwait(false);
        Console.WriteLine($"// early-dispatch server (profile {_server.Profile.Name}) on {_server.BaseAddress}, in the benchmark process");
        _runner = create(_server.BaseAddress, ToolSimulation.From(scenario), expectedCalls);

        // Connections, JIT and pools warm before BenchmarkDotNet's own warm-up; the first run also
        // checks that the client completes the scenario (the server checks every tool output).
        if (_runner is TandemFanOutRunner tandem)
        {
            await tandem.InitializeAsync().ConfigureAwait(false);
        }
        else
        {
            await _runner.RunAsync().ConfigureAwait(false);
        }

        await _runner.RunAsync().ConfigureAwait(false);
        _setupRuns = _runner.Runs.Count;
    }
}
