using System.Text.Json;
using Microsoft.Extensions.AI;
using Tandem.Extensions.AI.Mapping;
using Tandem.Extensions.AI.Tests.Support;
using Tandem.Responses;
using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;
using Tandem.Server.Tests.Support;

namespace Tandem.Extensions.AI.Tests.Chat;

/// <summary>The chat client against the real local server, over HTTP+SSE and WebSocket mode.</summary>
public sealed class TandemResponsesChatClientTests
{
    [Theory]
    [MemberData(nameof(Clients.BothTransports), MemberType = typeof(Clients))]
    public async Task GetResponseAsync_PlainText_ReturnsTextUsageAndIds(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, transport);
        using var chat = client.AsIChatClient("scenario/hello");

        var response = await chat.GetResponseAsync("Hi!", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(transport, client.ActiveTransport);
        Assert.StartsWith("Hello from Tandem!", response.Text, StringComparison.Ordinal);
        var message = Assert.Single(response.Messages);
        Assert.Equal(ChatRole.Assistant, message.Role);
        Assert.StartsWith("msg_", message.MessageId, StringComparison.Ordinal);
        Assert.Equal("final_answer", message.AdditionalProperties?[ResponsesChatPropertyNames.Phase]);
        Assert.StartsWith("resp_", response.ResponseId, StringComparison.Ordinal);
        Assert.Equal(response.ResponseId, response.ConversationId);
        Assert.Equal("scenario/hello", response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.NotNull(response.CreatedAt);
        Assert.True(response.Usage!.InputTokenCount > 0);
        Assert.True(response.Usage.OutputTokenCount > 0);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
        Assert.Equal(response.ResponseId, Assert.IsType<ResponseObject>(response.RawRepresentation).Id);
    }

    [Theory]
    [MemberData(nameof(Clients.BothTransports), MemberType = typeof(Clients))]
    public async Task GetStreamingResponseAsync_PlainText_StreamsDeltasThenUsageAndFinishReason(ResponsesTransportKind transport)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, transport);
        using var chat = client.AsIChatClient("scenario/hello");
        var updates = new List<ChatResponseUpdate>();

        await foreach (var update in chat.GetStreamingResponseAsync("Hi!", cancellationToken: TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        var deltas = updates.Where(u => u.Contents.OfType<TextContent>().Any()).ToList();
        Assert.True(deltas.Count > 1, "the answer streams token by token");
        Assert.All(deltas, d => Assert.StartsWith("msg_", d.MessageId, StringComparison.Ordinal));
        var last = updates[^1];
        Assert.Equal(ChatFinishReason.Stop, last.FinishReason);
        Assert.True(Assert.Single(last.Contents.OfType<UsageContent>()).Details.OutputTokenCount > 0);
        Assert.All(updates, u => Assert.Equal(last.ResponseId, u.ResponseId));
        Assert.All(updates, u => Assert.Equal(last.ResponseId, u.ConversationId));

        var response = updates.ToChatResponse();
        Assert.StartsWith("Hello from Tandem!", response.Text, StringComparison.Ordinal);
        Assert.Equal(string.Concat(deltas.Select(d => d.Text)), response.Text);
        var text = Assert.IsType<TextContent>(Assert.Single(Assert.Single(response.Messages).Contents));
        Assert.Equal("final_answer", text.AdditionalProperties?[ResponsesChatPropertyNames.Phase]);
        Assert.Equal("scenario/hello", response.ModelId);
        Assert.True(response.Usage!.OutputTokenCount > 0);
    }

    [Theory]
    [MemberData(nameof(ChatRuns.TransportsAndModes), MemberType = typeof(ChatRuns))]
    public async Task GetResponseAsync_ConversationIdWithFullHistory_SendsOnlyTheNewMessages(ResponsesTransportKind transport, bool streaming)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, transport);
        using var chat = client.AsIChatClient("gpt-test");
        var ct = TestContext.Current.CancellationToken;
        List<ChatMessage> history = [new(ChatRole.System, "Be brief."), new(ChatRole.User, "first")];

        var first = await ChatRuns.GetAsync(chat, history, null, streaming);
        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.User, "second"));
        var second = await ChatRuns.GetAsync(chat, history, new ChatOptions { ConversationId = first.ConversationId }, streaming);

        Assert.Equal("You said: \"first\"", first.Text);
        Assert.Equal("You said: \"second\"", second.Text);
        Assert.Equal(second.ResponseId, second.ConversationId);
        var stored = await client.GetAsync(second.ResponseId!, ct);
        Assert.Equal(first.ResponseId, stored.PreviousResponseId);
        var sent = new List<ResponseItem>();
        await foreach (var item in client.ListInputItemsAsync(second.ResponseId!, ascending: true, cancellationToken: ct))
        {
            sent.Add(item);
        }

        var only = Assert.IsType<MessageItem>(Assert.Single(sent));
        Assert.Equal(("user", "second"), (only.Role, only.GetText()));
        if (transport == ResponsesTransportKind.WebSocket)
        {
            // The connection's cache held the first response: its context counts as cached input.
            Assert.True(second.Usage!.CachedInputTokenCount > 0);
            Assert.Equal(second.Usage.CachedInputTokenCount, second.Usage.AdditionalCounts![OutputMapper.CachedTokensKey]);
        }
    }

    [Theory]
    [MemberData(nameof(ChatRuns.TransportsAndModes), MemberType = typeof(ChatRuns))]
    public async Task GetResponseAsync_OutputSentBackWithoutConversationId_ReplaysReasoningPhaseAndCalls(ResponsesTransportKind transport, bool streaming)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, transport);
        using var chat = client.AsIChatClient("scenario/weather-three-turn");
        List<ChatMessage> history = [new(ChatRole.User, "Weather?")];

        var turn1 = await ChatRuns.GetAsync(chat, history, null, streaming);
        var call = Assert.Single(turn1.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        history.AddRange(turn1.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "sunny")]));
        var wire = RequestMapper.Map(history, null, "scenario/weather-three-turn", chat).Request.Input!.Items!;
        var turn2 = await ChatRuns.GetAsync(chat, history, null, streaming); // stateless: the whole history goes again

        Assert.Equal(ChatFinishReason.ToolCalls, turn1.FinishReason);
        Assert.Equal(["message", "reasoning", "message", "function_call", "function_call_output"], wire.Select(i => i.Type));
        var reasoning = Assert.IsType<ReasoningItem>(wire[1]);
        Assert.StartsWith("rs_", reasoning.Id, StringComparison.Ordinal);
        Assert.StartsWith("tdm_", reasoning.EncryptedContent, StringComparison.Ordinal);
        Assert.Equal("The user wants the weather in Paris; call get_weather.", Assert.Single(reasoning.Summary).Text);
        var commentary = Assert.IsType<MessageItem>(wire[2]);
        Assert.Equal(("assistant", "commentary", "Let me check the weather in Paris."), (commentary.Role, commentary.Phase, commentary.GetText()));
        var sentCall = Assert.IsType<FunctionCallItem>(wire[3]);
        Assert.Equal((call.CallId, "get_weather"), (sentCall.CallId, sentCall.Name));
        Assert.Equal(Assert.IsType<FunctionCallItem>(call.RawRepresentation).Arguments, sentCall.Arguments); // the model's text, byte for byte
        Assert.Equal("Paris", JsonDocument.Parse(sentCall.Arguments).RootElement.GetProperty("city").GetString());
        Assert.Equal(["get_weather", "get_time"], turn2.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(c => c.Name));
        Assert.All(turn2.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>(), c => Assert.Equal("Lyon", c.Arguments!["city"]!.ToString()));
    }

    [Theory]
    [MemberData(nameof(ChatRuns.TransportsAndModes), MemberType = typeof(ChatRuns))]
    public async Task GetResponseAsync_ServerRefusesTheRequest_ThrowsTheTypedException(ResponsesTransportKind transport, bool streaming)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, transport);
        using var chat = client.AsIChatClient("scenario/nope");

        var ex = await Assert.ThrowsAsync<ResponsesException>(() => ChatRuns.GetAsync(chat, [new ChatMessage(ChatRole.User, "x")], null, streaming));

        Assert.Equal((400, "model_not_found", "model"), (ex.Status, ex.Code, ex.Param));
    }

    [Fact]
    public async Task GetService_Metadata_NamesProviderEndpointAndModelAndExposesTheClient()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, ResponsesTransportKind.HttpSse);
        using var chat = client.AsIChatClient("gpt-test");

        var metadata = chat.GetService<ChatClientMetadata>();

        Assert.Equal("openai", metadata!.ProviderName);
        Assert.Equal(client.Options.BaseUrl, metadata.ProviderUri);
        Assert.Equal("gpt-test", metadata.DefaultModelId);
        Assert.Same(client, chat.GetService<ResponsesClient>());
        Assert.Same(chat, chat.GetService<TandemResponsesChatClient>());
        Assert.Null(chat.GetService<ResponsesClient>("key"));
    }

    [Fact]
    public async Task GetResponseAsync_NoModelAnywhere_ThrowsBeforeSending()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, ResponsesTransportKind.HttpSse);
        using var chat = client.AsIChatClient();

        await Assert.ThrowsAsync<InvalidOperationException>(() => chat.GetResponseAsync("Hi", cancellationToken: TestContext.Current.CancellationToken));
    }
}
