using System.ClientModel;
using OpenAI.Responses;
using Tandem.Server.Tests.Support;

namespace Tandem.Server.Tests.Interop;

/// <summary>
/// The official OpenAI .NET SDK (NuGet <c>OpenAI</c> 2.15.0, <see cref="ResponsesClient"/>) works
/// against the local server unchanged: only the endpoint differs.
/// </summary>
public sealed class OpenAiSdkInteropTests
{
    private static ResponsesClient Client(TestServer server, string key = TestServer.KeyA) =>
        new(new ApiKeyCredential(key), new ResponsesClientOptions { Endpoint = new Uri(server.BaseAddress, "/v1"), RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) });

    private static readonly BinaryData WeatherSchema = BinaryData.FromString("""
        {"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["C","F"]}},"required":["city","unit"],"additionalProperties":false}
        """);

    [Fact]
    public async Task CreateResponseAsync_PlainText_ReturnsScriptedAnswer()
    {
        await using var server = await TestServer.StartAsync();
        var client = Client(server);

        ResponseResult response = await client.CreateResponseAsync("scenario/hello", "Hi!", previousResponseId: null, TestContext.Current.CancellationToken);

        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.StartsWith("Hello from Tandem!", response.GetOutputText(), StringComparison.Ordinal);
        Assert.True(response.Usage.InputTokenCount > 0);
        Assert.True(response.Usage.OutputTokenCount > 0);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task CreateResponseStreamingAsync_PlainText_DeltasRebuildTheFinalText()
    {
        await using var server = await TestServer.StartAsync();
        var client = Client(server);

        var deltas = new System.Text.StringBuilder();
        var kinds = new List<string>();
        ResponseResult? completed = null;
        await foreach (var update in await client.CreateResponseStreamingAsync("scenario/hello", "Hi!", previousResponseId: null, TestContext.Current.CancellationToken))
        {
            kinds.Add(update.GetType().Name);
            switch (update)
            {
                case StreamingResponseOutputTextDeltaUpdate delta:
                    deltas.Append(delta.Delta);
                    break;
                case StreamingResponseCompletedUpdate done:
                    completed = done.Response;
                    break;
            }
        }

        Assert.NotNull(completed);
        Assert.Equal(completed.GetOutputText(), deltas.ToString());
        Assert.Equal(nameof(StreamingResponseCreatedUpdate), kinds[0]);
        Assert.Equal(nameof(StreamingResponseInProgressUpdate), kinds[1]);
        Assert.True(kinds.Count(k => k == nameof(StreamingResponseOutputTextDeltaUpdate)) > 3, "text arrives in token-sized deltas");
        Assert.DoesNotContain("StreamingResponseUpdate", kinds); // every event type was recognised by the SDK
    }

    [Fact]
    public async Task CreateResponseAsync_FunctionCallRoundTrip_ContinuesWithPreviousResponseId()
    {
        await using var server = await TestServer.StartAsync();
        var client = Client(server);
        var options = new CreateResponseOptions("gpt-4.1-mini", [ResponseItem.CreateUserMessageItem("What's the weather in Paris?")])
        {
            Tools = { ResponseTool.CreateFunctionTool("get_weather", WeatherSchema, strictModeEnabled: true, "Current weather for a city.") },
        };

        ResponseResult first = await client.CreateResponseAsync(options, TestContext.Current.CancellationToken);
        var call = Assert.IsType<FunctionCallResponseItem>(Assert.Single(first.OutputItems));
        Assert.Equal("get_weather", call.FunctionName);
        using (var args = System.Text.Json.JsonDocument.Parse(call.FunctionArguments))
        {
            Assert.Equal("C", args.RootElement.GetProperty("unit").GetString()); // schema-valid: the enum's first value
            Assert.Equal(System.Text.Json.JsonValueKind.String, args.RootElement.GetProperty("city").ValueKind);
        }

        var followUp = new CreateResponseOptions("gpt-4.1-mini", [ResponseItem.CreateFunctionCallOutputItem(call.CallId, "Sunny, 21 C")])
        {
            PreviousResponseId = first.Id,
            Tools = { ResponseTool.CreateFunctionTool("get_weather", WeatherSchema, strictModeEnabled: true, "Current weather for a city.") },
        };
        ResponseResult second = await client.CreateResponseAsync(followUp, TestContext.Current.CancellationToken);

        Assert.Equal(first.Id, second.PreviousResponseId);
        Assert.Contains("Sunny, 21 C", second.GetOutputText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateResponseStreamingAsync_ScriptedToolTurns_StreamsCallsAndChains()
    {
        await using var server = await TestServer.StartAsync();
        var client = Client(server);
        var input = new List<ResponseItem> { ResponseItem.CreateUserMessageItem("Weather in Paris?") };
        string? previous = null;
        var callCounts = new List<int>();
        var sawArgumentsDone = false;
        for (var turn = 0; turn < 3; turn++)
        {
            var options = new CreateResponseOptions("scenario/weather-three-turn", input) { PreviousResponseId = previous, StreamingEnabled = true };
            ResponseResult? result = null;
            await foreach (var update in await client.CreateResponseStreamingAsync(options, TestContext.Current.CancellationToken))
            {
                if (update is StreamingResponseFunctionCallArgumentsDoneUpdate argsDone)
                {
                    sawArgumentsDone = true;
                    Assert.False(string.IsNullOrEmpty(argsDone.FunctionName));
                }

                if (update is StreamingResponseCompletedUpdate completed)
                {
                    result = completed.Response;
                }
            }

            Assert.NotNull(result);
            var calls = result.OutputItems.OfType<FunctionCallResponseItem>().ToList();
            callCounts.Add(calls.Count);
            input = calls.Select(c => (ResponseItem)ResponseItem.CreateFunctionCallOutputItem(c.CallId, "ok:" + c.FunctionName)).ToList();
            previous = result.Id;
            if (turn == 0)
            {
                Assert.Contains(result.OutputItems, i => i is ReasoningResponseItem);
            }
        }

        Assert.True(sawArgumentsDone);
        Assert.Equal([1, 2, 0], callCounts);
    }

    [Fact]
    public async Task GetAndDeleteResponse_StoredResponse_RoundTripsThroughTheSdk()
    {
        await using var server = await TestServer.StartAsync();
        var client = Client(server);
        ResponseResult created = await client.CreateResponseAsync("scenario/hello", "Hi!", previousResponseId: null, TestContext.Current.CancellationToken);

        ResponseResult fetched = await client.GetResponseAsync(created.Id, TestContext.Current.CancellationToken);
        Assert.Equal(created.GetOutputText(), fetched.GetOutputText());

        var inputItems = new List<ResponseItem>();
        await foreach (var item in client.GetResponseInputItemsAsync(created.Id, TestContext.Current.CancellationToken))
        {
            inputItems.Add(item);
        }

        var message = Assert.IsAssignableFrom<MessageResponseItem>(Assert.Single(inputItems));
        Assert.Equal("Hi!", message.Content[0].Text);

        ResponseDeletionResult deleted = await client.DeleteResponseAsync(created.Id, TestContext.Current.CancellationToken);
        Assert.True(deleted.Deleted);
        var ex = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync(created.Id, TestContext.Current.CancellationToken));
        Assert.Equal(404, ex.Status);
    }

    [Fact]
    public async Task CreateResponseAsync_WrongKey_ThrowsWith401()
    {
        await using var server = await TestServer.StartAsync();
        var client = Client(server, "sk-not-a-configured-key-123456");

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => client.CreateResponseAsync("scenario/hello", "Hi!", previousResponseId: null, TestContext.Current.CancellationToken));

        Assert.Equal(401, ex.Status);
        Assert.Contains("Incorrect API key provided", ex.Message, StringComparison.Ordinal);
    }
}
