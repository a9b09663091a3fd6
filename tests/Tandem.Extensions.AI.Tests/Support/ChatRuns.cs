using Microsoft.Extensions.AI;
using Tandem.Responses;

namespace Tandem.Extensions.AI.Tests.Support;

/// <summary>Runs a chat call either way, so one test covers the streaming and the non-streaming path.</summary>
public static class ChatRuns
{
    public static TheoryData<ResponsesTransportKind, bool> TransportsAndModes() => new()
    {
        { ResponsesTransportKind.HttpSse, false },
        { ResponsesTransportKind.HttpSse, true },
        { ResponsesTransportKind.WebSocket, false },
        { ResponsesTransportKind.WebSocket, true },
    };

    public static async Task<ChatResponse> GetAsync(IChatClient chat, IEnumerable<ChatMessage> messages, ChatOptions? options, bool streaming)
    {
        var ct = TestContext.Current.CancellationToken;
        return streaming
            ? await chat.GetStreamingResponseAsync(messages, options, ct).ToChatResponseAsync(ct)
            : await chat.GetResponseAsync(messages, options, ct);
    }
}
