using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI.Responses;
using Tandem.Bench.Measurement;
using Tandem.Bench.Scenarios;

namespace Tandem.Bench.Clients;

/// <summary>
/// The official OpenAI .NET SDK (2.15): <see cref="ResponsesClient.CreateResponseStreamingAsync(CreateResponseOptions, CancellationToken)"/>
/// over HTTP+SSE, driven by the plain tool loop users write — stream a response, collect its function
/// calls, run them all (<see cref="Task.WhenAll{TResult}(IEnumerable{Task{TResult}})"/>) once it has
/// completed, send their outputs chained with <c>previous_response_id</c>. Its HTTP goes through the
/// meter by an <see cref="HttpClientPipelineTransport"/>; everything else is the SDK's defaults.
/// </summary>
internal sealed class OpenAiSdkBenchClient : IBenchClient
{
    private readonly BenchTarget _target;
    private readonly TrafficMeter _meter = new();
    private readonly HttpClient _http;
    private readonly ResponsesClient _client;

    private OpenAiSdkBenchClient(BenchTarget target)
    {
        _target = target;
        _http = new HttpClient(_meter.Handler, disposeHandler: false);
        _client = new ResponsesClient(new ApiKeyCredential(target.ApiKey), new ResponsesClientOptions
        {
            Endpoint = target.BaseUrl,
            Transport = new HttpClientPipelineTransport(_http),
        });
    }

    public string Name => "openai-sdk";

    public string Description => "OpenAI .NET SDK 2.15 ResponsesClient.CreateResponseStreamingAsync, HTTP+SSE chained with previous_response_id, plain tool loop (calls run with Task.WhenAll after each response completes)";

    public string Transport => "http";

    public static OpenAiSdkBenchClient Create(BenchTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new OpenAiSdkBenchClient(target);
    }

    public async Task<RunMeasurement> RunAsync(BenchScenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var recorder = new RunRecorder(_meter);
        var model = _target.ModelFor(scenario);
        IReadOnlyList<ResponseItem> input = [ResponseItem.CreateUserMessageItem(scenario.Prompt)];
        string? previous = null;
        try
        {
            for (var turn = 0; turn < scenario.Turns + 2; turn++)
            {
                recorder.TurnStarted(); // the request's serialisation counts in the turn
                var options = new CreateResponseOptions(model, input) { PreviousResponseId = previous, StreamingEnabled = true };
                foreach (var tool in scenario.Tools)
                {
                    options.Tools.Add(ResponseTool.CreateFunctionTool(tool.Name, BinaryData.FromString(tool.Parameters!.Value.GetRawText()), strictModeEnabled: true, tool.Description));
                }

                var calls = new List<FunctionCallResponseItem>();
                ResponseResult? completed = null;
                string? failure = null;
                // Enumerating to the end disposes the result and its response (AsyncStreamingResult).
                var updates = await _client.CreateResponseStreamingAsync(options, cancellationToken).ConfigureAwait(false);
                await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    switch (update)
                    {
                        case StreamingResponseOutputItemAddedUpdate or StreamingResponseOutputTextDeltaUpdate:
                            recorder.Output();
                            break;
                        case StreamingResponseOutputItemDoneUpdate done:
                            recorder.Output();
                            if (done.Item is FunctionCallResponseItem call)
                            {
                                calls.Add(call);
                            }

                            break;
                        case StreamingResponseCompletedUpdate done:
                            completed = done.Response;
                            var usage = completed.Usage;
                            recorder.TurnCompleted(completed.Id, usage?.InputTokenCount ?? 0, usage?.InputTokenDetails?.CachedTokenCount ?? 0, usage?.OutputTokenCount ?? 0, calls.Count);
                            break;
                        case StreamingResponseFailedUpdate failed:
                            failure = $"response.failed: {failed.Response.Error?.Code} {failed.Response.Error?.Message}";
                            break;
                        case StreamingResponseIncompleteUpdate incomplete:
                            failure = $"response.incomplete: {incomplete.Response.IncompleteStatusDetails?.Reason}";
                            break;
                        case StreamingResponseErrorUpdate error:
                            failure = $"error: {error.Code}: {error.Message}";
                            break;
                    }
                }

                if (failure is not null)
                {
                    return recorder.Finish(string.Empty, $"openai-sdk: turn {turn + 1}: {failure}");
                }

                if (completed is null)
                {
                    return recorder.Finish(string.Empty, $"openai-sdk: turn {turn + 1}: the stream ended without response.completed");
                }

                if (calls.Count == 0)
                {
                    return recorder.Finish(completed.GetOutputText() ?? string.Empty);
                }

                input = await Task.WhenAll(calls.Select(async call =>
                {
                    var output = await SimulatedTool.RunAsync(scenario.Tool(call.FunctionName), call.FunctionArguments.ToString(), cancellationToken).ConfigureAwait(false);
                    return (ResponseItem)ResponseItem.CreateFunctionCallOutputItem(call.CallId, output);
                })).ConfigureAwait(false);
                previous = completed.Id;
            }

            return recorder.Finish(string.Empty, $"openai-sdk: no final answer after {scenario.Turns + 2} turns");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return recorder.Finish(string.Empty, $"openai-sdk: {ex.GetType().Name}: {ex.Message}");
        }
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _meter.Dispose();
        return ValueTask.CompletedTask;
    }
}
