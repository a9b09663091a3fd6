using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI.Responses;

namespace Tandem.Bench.Clients;

/// <summary>
/// The OpenAI SDK's <see cref="ResponsesClient"/> as an <see cref="IChatClient"/>, streaming, built from
/// Microsoft.Extensions.AI.OpenAI's own public conversions (<c>AsOpenAIResponseItems</c>,
/// <c>AsOpenAIResponseTool</c>, <c>AsChatResponseUpdatesAsync</c>). It stands in for
/// <c>responsesClient.AsIChatClient(model)</c>, whose streaming path in Microsoft.Extensions.AI.OpenAI
/// 10.11.0 was compiled against OpenAI 2.14 and throws <see cref="MissingMethodException"/> with 2.15
/// (<c>CreateResponseStreamingAsync</c> now returns <c>Task&lt;AsyncStreamingResult&lt;T&gt;&gt;</c>).
/// Like that client it chains with <c>previous_response_id</c> = <see cref="ChatOptions.ConversationId"/>
/// (a response id, since the updates carry it as their conversation id when stored).
/// </summary>
internal sealed class SdkResponsesChatClient(ResponsesClient client, string defaultModel) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new CreateResponseOptions
        {
            Model = options?.ModelId ?? defaultModel,
            PreviousResponseId = options?.ConversationId,
            StreamingEnabled = true,
        };
        if (options?.Tools is { } tools)
        {
            foreach (var tool in tools)
            {
                request.Tools.Add(tool.AsOpenAIResponseTool() ?? throw new NotSupportedException($"Tool '{tool.Name}' has no Responses API form."));
            }
        }

        foreach (var item in messages.AsOpenAIResponseItems(options))
        {
            request.InputItems.Add(item);
        }

        // Enumerating to the end disposes the result and its response (AsyncStreamingResult).
        var updates = await client.CreateResponseStreamingAsync(request, cancellationToken).ConfigureAwait(false);
        await foreach (var update in updates.AsChatResponseUpdatesAsync(request, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ResponsesClient) ? client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }
}
