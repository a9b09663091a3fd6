using System.ClientModel;
using OpenAI.Responses;
using Tandem.Benchmarks.Infrastructure;

namespace Tandem.Benchmarks.Turns.Runners;

/// <summary>
/// The official OpenAI .NET SDK's <see cref="ResponsesClient"/> (HTTP+SSE), as its documentation
/// drives it: <c>CreateResponseStreamingAsync</c> with <see cref="CreateResponseOptions"/>, every
/// update read. Only the endpoint points at the local server.
/// </summary>
public sealed class OpenAiSdkTurnRunner : ITurnRunner
{
    private readonly ResponsesClient _client;
    private readonly History? _history;

    public OpenAiSdkTurnRunner(Uri baseAddress, History? history)
    {
        _history = history;
        _client = new ResponsesClient(new ApiKeyCredential(LocalServer.ApiKey), new ResponsesClientOptions { Endpoint = new Uri(baseAddress, "/v1") });
    }

    public Task InitializeAsync() => RunTurnAsync();

    public async Task<int> RunTurnAsync()
    {
        var options = _history is null
            ? new CreateResponseOptions(TurnRequests.Model, [ResponseItem.CreateUserMessageItem(TurnRequests.SmallInput)])
            : new CreateResponseOptions(TurnRequests.Model, _history.SdkItems);
        options.StreamingEnabled = true;
        options.StoredOutputEnabled = false;

        var count = 0;
        var completed = false;
        IAsyncEnumerable<StreamingResponseUpdate> updates = await _client.CreateResponseStreamingAsync(options).ConfigureAwait(false);
        await foreach (var update in updates.ConfigureAwait(false))
        {
            count++;
            completed |= update is StreamingResponseCompletedUpdate;
        }

        return completed ? count : throw new InvalidOperationException("The SDK's stream ended without response.completed.");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
