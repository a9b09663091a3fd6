using System.Diagnostics;
using Tandem.Agents.Execution;
using Tandem.Agents.Tools;
using Tandem.Benchmarks.Infrastructure;
using Tandem.Responses;
using Tandem.Responses.Protocol;

namespace Tandem.Benchmarks.Agents;

/// <summary>
/// Tandem's <see cref="AgentRunner"/> with default options: one <see cref="ResponsesClient"/> (one
/// WebSocket connection, or pooled HTTP connections), a <see cref="ToolDispatcher"/> with its default
/// 8 workers, each call dispatched on its <c>output_item.done</c>. A new chain per run, as an
/// application starting a new task would.
/// </summary>
public sealed class TandemFanOutRunner : IFanOutRunner
{
    private readonly ResponsesClient _client;
    private readonly ResponsesTransportKind _transport;
    private readonly ToolDispatcher _dispatcher;
    private readonly AgentRunner _runner;
    private readonly int _expectedCalls;
    private readonly List<FanOutRun> _runs = [];

    public TandemFanOutRunner(Uri baseAddress, ResponsesTransportKind transport, IReadOnlyList<ToolSimulation> tools, int expectedCalls)
    {
        _transport = transport;
        _expectedCalls = expectedCalls;
        _client = new ResponsesClient(new ResponsesClientOptions
        {
            BaseUrl = new Uri(baseAddress, "/v1/"),
            Transport = transport,
            ApiKeys = { LocalServer.ApiKey },
        });
        var registry = new ToolRegistry();
        foreach (var tool in tools)
        {
            registry.Add(new SimulatedTool(tool));
        }

        _dispatcher = new ToolDispatcher(registry);
        _runner = new AgentRunner(_client, registry, _dispatcher);
    }

    public IReadOnlyList<FanOutRun> Runs => _runs;

    public async Task InitializeAsync()
    {
        // A refused WebSocket upgrade would quietly continue over HTTP and measure the wrong transport.
        await RunAsync().ConfigureAwait(false);
        if (_client.ActiveTransport != _transport)
        {
            throw new InvalidOperationException($"Tandem runs over {_client.ActiveTransport}, not {_transport}.");
        }
    }

    public async Task<int> RunAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var startedAt = DateTimeOffset.UtcNow; // AgentRunner stamps its turns with TimeProvider.System
        var result = await _runner.RunToEndAsync(new AgentRunOptions { Model = FanOutScenario.Model }, [MessageItem.User(FanOutScenario.UserInput)]).ConfigureAwait(false);
        var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (result.Status != AgentRunStatus.Completed || !result.Output.StartsWith(FanOutScenario.FinalAnswerStart, StringComparison.Ordinal) || result.ToolCalls != _expectedCalls)
        {
            throw new InvalidOperationException($"The run ended {result.Status} after {result.ToolCalls} calls ({result.Reason}): {result.Output}");
        }

        _runs.Add(new FanOutRun(wall, result.Turns
            .Select(t => new ModelCallTiming((t.Started - startedAt).TotalMilliseconds, (t.ResponseCompleted - startedAt).TotalMilliseconds))
            .ToList()));
        return result.ToolCalls;
    }

    public async ValueTask DisposeAsync()
    {
        await _dispatcher.DisposeAsync().ConfigureAwait(false);
        await _client.DisposeAsync().ConfigureAwait(false);
    }
}
