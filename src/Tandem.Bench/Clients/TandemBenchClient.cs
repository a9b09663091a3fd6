using Tandem.Agents.Context;
using Tandem.Agents.Execution;
using Tandem.Agents.Tools;
using Tandem.Bench.Measurement;
using Tandem.Bench.Scenarios;
using Tandem.Responses;
using Tandem.Responses.Protocol;

namespace Tandem.Bench.Clients;

/// <summary>
/// Tandem's own runtime: <see cref="AgentRunner"/> (early dispatch, one request per turn) over a
/// <see cref="ResponsesClient"/> — WebSocket mode, HTTP chained with <c>previous_response_id</c>, or
/// HTTP stateless (<c>store:false</c>, the full history every turn).
/// </summary>
internal sealed class TandemBenchClient : IBenchClient
{
    private readonly BenchTarget _target;
    private readonly TrafficMeter _meter = new();
    private readonly RetryCounter _retries = new();
    private readonly ResponsesClient _client;
    private readonly bool _stateless;

    private TandemBenchClient(string name, string description, BenchTarget target, ResponsesTransportKind transport, bool stateless)
    {
        Name = name;
        Description = description;
        Transport = transport == ResponsesTransportKind.WebSocket ? "websocket" : "http";
        _target = target;
        _stateless = stateless;
        var options = new ResponsesClientOptions
        {
            BaseUrl = target.BaseUrl,
            Transport = transport,
            HttpHandler = _meter.Handler,
            WebSocketInvoker = _meter.Invoker,
        };
        options.ApiKeys.Add(target.ApiKey);
        _client = new ResponsesClient(options);
    }

    public string Name { get; }

    public string Description { get; }

    public string Transport { get; }

    public static TandemBenchClient WebSocket(BenchTarget target) =>
        new("tandem-ws", "Tandem AgentRunner, WebSocket mode (previous_response_id + new items on one socket)", target, ResponsesTransportKind.WebSocket, stateless: false);

    public static TandemBenchClient HttpChained(BenchTarget target) =>
        new("tandem-http", "Tandem AgentRunner, HTTP+SSE chained with previous_response_id", target, ResponsesTransportKind.HttpSse, stateless: false);

    public static TandemBenchClient HttpStateless(BenchTarget target) =>
        new("tandem-http-stateless", "Tandem AgentRunner, HTTP+SSE with store:false and the full history every turn", target, ResponsesTransportKind.HttpSse, stateless: true);

    public async Task<RunMeasurement> RunAsync(BenchScenario scenario, CancellationToken cancellationToken)
    {
        var tools = new ToolRegistry();
        foreach (var tool in scenario.Tools)
        {
            tools.Add(new SimulatedAgentTool(tool));
        }

        await using var dispatcher = new ToolDispatcher(tools, new ToolDispatcherOptions { MaxConcurrency = 64 });
        var runner = new AgentRunner(_client, tools, dispatcher);
        var options = new AgentRunOptions
        {
            Model = _target.ModelFor(scenario),
            Store = !_stateless,
            MaxTurns = scenario.Turns + 2,
            MaxToolCalls = scenario.Calls + 8,
            LoopThreshold = int.MaxValue,
            Compaction = new CompactionOptions { Mode = CompactionMode.Off },

            // The other clients send tool outputs as they are: no fence, no fence paragraph in the
            // instructions, so bytes and tokens compare like with like.
            Spotlighting = false,
            ConfigureRequest = _stateless ? r => r.Store = false : null,
        };

        var retriesBefore = _retries.Total;
        var recorder = new RunRecorder(_meter);
        recorder.TurnStarted();
        AgentRunResult? result = null;
        await foreach (var evt in runner.RunAsync(options, [MessageItem.User(scenario.Prompt)], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            switch (evt)
            {
                case TurnStartedEvent { Turn: > 1 }:
                    recorder.TurnStarted();
                    break;
                case TextDeltaEvent or ToolCallStartedEvent:
                    recorder.Output();
                    break;
                case TurnCompletedEvent done:
                    recorder.TurnCompleted(done.ResponseId, done.Usage?.InputTokens ?? 0, done.Usage?.InputTokensDetails.CachedTokens ?? 0, done.Usage?.OutputTokens ?? 0, done.ToolCalls);
                    break;
                case RunFinishedEvent finished:
                    result = finished.Result;
                    break;
            }
        }

        var error = result is null ? "The run ended without a result."
            : result.Status != AgentRunStatus.Completed ? $"{result.Status}: {result.Reason}"
            : null;
        return recorder.Finish(result?.Output ?? string.Empty, error, result?.Replays ?? 0, (int)(_retries.Total - retriesBefore));
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync().ConfigureAwait(false);
        _retries.Dispose();
        _meter.Dispose();
    }
}
