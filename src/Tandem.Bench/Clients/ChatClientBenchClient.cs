using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI.Responses;
using Tandem.Bench.Measurement;
using Tandem.Bench.Scenarios;

namespace Tandem.Bench.Clients;

/// <summary>
/// Microsoft.Extensions.AI's <see cref="FunctionInvokingChatClient"/> (streaming,
/// <see cref="FunctionInvokingChatClient.AllowConcurrentInvocation"/> on) over the OpenAI SDK 2.15
/// <see cref="ResponsesClient"/> as an <see cref="IChatClient"/> (<see cref="SdkResponsesChatClient"/>).
/// The Responses updates carry the response id as their conversation id, so after each response
/// <see cref="FunctionInvokingChatClient"/> sends only the function results with
/// <see cref="ChatOptions.ConversationId"/>, which becomes <c>previous_response_id</c>: chained, not
/// the full history. <see cref="TurnRecordingChatClient"/> under it records a turn per response.
/// </summary>
internal sealed class ChatClientBenchClient : IBenchClient
{
    private readonly BenchTarget _target;
    private readonly TrafficMeter _meter = new();
    private readonly HttpClient _http;
    private readonly TurnRecordingChatClient _turns;
    private readonly FunctionInvokingChatClient _client;

    private ChatClientBenchClient(BenchTarget target)
    {
        _target = target;
        _http = new HttpClient(_meter.Handler, disposeHandler: false);
        var responses = new ResponsesClient(new ApiKeyCredential(target.ApiKey), new ResponsesClientOptions
        {
            Endpoint = target.BaseUrl,
            Transport = new HttpClientPipelineTransport(_http),
        });
        _turns = new TurnRecordingChatClient(new SdkResponsesChatClient(responses, target.Model ?? string.Empty));
        _client = new FunctionInvokingChatClient(_turns) { AllowConcurrentInvocation = true };
    }

    public string Name => "meai-ficc";

    public string Description => "Microsoft.Extensions.AI FunctionInvokingChatClient (streaming, AllowConcurrentInvocation = true) over the OpenAI SDK 2.15 ResponsesClient as IChatClient (M.E.AI.OpenAI 10.11 conversions), HTTP+SSE chained with previous_response_id via ConversationId (only tool results resent)";

    public string Transport => "http";

    public static ChatClientBenchClient Create(BenchTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new ChatClientBenchClient(target);
    }

    public async Task<RunMeasurement> RunAsync(BenchScenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var recorder = new RunRecorder(_meter);
        var model = _target.ModelFor(scenario);
        _turns.Recorder = recorder;
        _client.MaximumIterationsPerRequest = scenario.Turns + 2;
        var options = new ChatOptions
        {
            ModelId = model,
            Tools = [.. scenario.Tools.Select(t => (AITool)new SimulatedAIFunction(t))],
        };

        try
        {
            await foreach (var update in _client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, scenario.Prompt)], options, cancellationToken).ConfigureAwait(false))
            {
                foreach (var content in update.Contents)
                {
                    // FunctionInvokingChatClient reports a failed call in the result it sends back, and goes on.
                    if (content is FunctionResultContent { Exception: { } failed } result)
                    {
                        return recorder.Finish(string.Empty, $"meai-ficc: tool call {result.CallId} failed: {failed.GetType().Name}: {failed.Message}");
                    }
                }
            }

            // It stops after MaximumIterationsPerRequest responses, the last one's calls not run.
            return recorder.Turns is [.., { ToolCalls: 0 }]
                ? recorder.Finish(_turns.LastText)
                : recorder.Finish(string.Empty, $"meai-ficc: no final answer after {recorder.Turns.Count} turns");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return recorder.Finish(string.Empty, $"meai-ficc: {ex.GetType().Name}: {ex.Message}");
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        _http.Dispose();
        _meter.Dispose();
        return ValueTask.CompletedTask;
    }
}
