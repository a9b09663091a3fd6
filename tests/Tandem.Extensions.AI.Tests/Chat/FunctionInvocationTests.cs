using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Tandem.Extensions.AI.Tests.Support;
using Tandem.Responses;
using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;
using Tandem.Server.Tests.Support;

namespace Tandem.Extensions.AI.Tests.Chat;

/// <summary>Microsoft.Extensions.AI's FunctionInvokingChatClient over the Tandem chat client, against the real local server.</summary>
public sealed class FunctionInvocationTests
{
    [Theory]
    [MemberData(nameof(ChatRuns.TransportsAndModes), MemberType = typeof(ChatRuns))]
    public async Task UseFunctionInvocation_DefaultModel_RunsTheToolOnceAndAnswersWithItsResult(ResponsesTransportKind transport, bool streaming)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, transport);
        using var chat = new ChatClientBuilder(client.AsIChatClient("gpt-test")).UseFunctionInvocation().Build();
        var calls = new ConcurrentQueue<string>();
        var tool = AIFunctionFactory.Create(
            (string city) =>
            {
                calls.Enqueue(city);
                return $"sunny in {city}, 21C";
            },
            "get_weather",
            "Current weather for a city.");

        var response = await ChatRuns.GetAsync(chat, [new ChatMessage(ChatRole.User, "Weather in Paris?")], new ChatOptions { Tools = [tool] }, streaming);

        var city = Assert.Single(calls);
        Assert.Contains($"sunny in {city}, 21C", response.Messages[^1].Text, StringComparison.Ordinal);
        Assert.StartsWith("The tool returned:", response.Messages[^1].Text, StringComparison.Ordinal);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);

        // The second turn continued from the first (ConversationId) and carried only the tool's output.
        var sent = new List<ResponseItem>();
        await foreach (var item in client.ListInputItemsAsync(response.ResponseId!, cancellationToken: TestContext.Current.CancellationToken))
        {
            sent.Add(item);
        }

        Assert.IsType<FunctionCallOutputItem>(Assert.Single(sent));
    }

    [Theory]
    [MemberData(nameof(ChatRuns.TransportsAndModes), MemberType = typeof(ChatRuns))]
    public async Task UseFunctionInvocation_WeatherThreeTurnScenario_RunsEveryCallAndReturnsTheFinalAnswer(ResponsesTransportKind transport, bool streaming)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, transport);
        using var chat = new ChatClientBuilder(client.AsIChatClient("scenario/weather-three-turn")).UseFunctionInvocation().Build();
        var weather = new ConcurrentQueue<string>();
        var time = new ConcurrentQueue<string>();
        AITool[] tools =
        [
            AIFunctionFactory.Create(
                (string city) =>
                {
                    weather.Enqueue(city);
                    return $"{city}: sunny, 21C";
                },
                "get_weather",
                "Current weather for a city."),
            AIFunctionFactory.Create(
                (string city) =>
                {
                    time.Enqueue(city);
                    return $"{city}: 14:05";
                },
                "get_time",
                "Local time in a city."),
        ];

        var response = await ChatRuns.GetAsync(chat, [new ChatMessage(ChatRole.User, "What's the weather?")], new ChatOptions { Tools = tools }, streaming);

        Assert.Equal(["Paris", "Lyon"], weather);
        Assert.Equal(["Lyon"], time);

        // The last tool output of turn 2 is get_time's, which the scripted final answer quotes.
        Assert.Equal("Done. The last tool said: Lyon: 14:05", response.Messages[^1].Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        var contents = response.Messages.SelectMany(m => m.Contents).ToList();
        Assert.Contains(contents.OfType<TextContent>(), t => t.Text == "Let me check the weather in Paris.");
        Assert.Equal(3, contents.OfType<FunctionCallContent>().Count());
        Assert.StartsWith("tdm_", Assert.Single(contents.OfType<TextReasoningContent>(), r => r.ProtectedData is not null).ProtectedData, StringComparison.Ordinal);
    }
}
