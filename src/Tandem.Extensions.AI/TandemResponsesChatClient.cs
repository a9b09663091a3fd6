using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Tandem.Extensions.AI.Mapping;
using Tandem.Responses;
using Tandem.Responses.Protocol;

namespace Tandem.Extensions.AI;

/// <summary>
/// An <see cref="IChatClient"/> over Tandem's <see cref="ResponsesClient"/>, so Microsoft.Extensions.AI
/// pipelines (function invocation, telemetry, caching) run on either transport, HTTP+SSE or WebSocket mode.
/// </summary>
/// <remarks>
/// <para>
/// <b>Conversations.</b> Every response's <see cref="ChatResponse.ConversationId"/> is its response id;
/// passing it back as <see cref="ChatOptions.ConversationId"/> continues with <c>previous_response_id</c>,
/// and then only the messages <i>after the last assistant message</i> of the list are sent: everything up
/// to and including that message is taken to be what the previous response already holds (its input and
/// output). So either pass only the new messages (as <c>FunctionInvokingChatClient</c> does) or the whole
/// history; both send the same. Over WebSocket this is what keeps a turn to "only new items" on the
/// connection's cache. An id starting with <c>conv_</c> is sent as <c>conversation</c> instead. With
/// <c>store:false</c> the id is returned only over WebSocket, where the connection still holds the
/// response; over HTTP there is nothing to continue from.
/// </para>
/// <para>
/// <b>Round trips.</b> Output items come back as contents whose <c>RawRepresentation</c> is the item
/// (or part); sending such a message back reuses item ids, call arguments, the message <c>phase</c>
/// (<see cref="ResponsesChatPropertyNames.Phase"/>) and reasoning <c>encrypted_content</c>
/// (<see cref="TextReasoningContent.ProtectedData"/>). Streamed responses carry the same through
/// <c>AdditionalProperties</c>, so <c>ToChatResponse()</c> of the updates round-trips too.
/// </para>
/// <para>
/// <b>Tools.</b> An <see cref="AIFunctionDeclaration"/> becomes a function tool. It is <c>strict</c> when
/// its schema can be: every object lists all its properties in <c>required</c> and does not allow extra
/// properties (the client adds <c>additionalProperties:false</c> where it is absent); a function with an
/// optional parameter is sent non-strict rather than changed. <see cref="ResponsesChatPropertyNames.Strict"/>
/// overrides. Hosted tools are not mapped.
/// </para>
/// <para>The client does not own the <see cref="ResponsesClient"/>; <see cref="Dispose"/> does nothing.</para>
/// </remarks>
public sealed class TandemResponsesChatClient : IChatClient
{
    private readonly ResponsesClient _client;
    private readonly ChatClientMetadata _metadata;

    public TandemResponsesChatClient(ResponsesClient client, string? defaultModel = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        DefaultModel = defaultModel;

        // "openai": the protocol is OpenAI's, and it is what the client's own spans already report
        // (gen_ai.system), whichever server — OpenAI, a compatible one, or tandem serve — answers.
        _metadata = new ChatClientMetadata("openai", client.Options.BaseUrl, defaultModel);
    }

    /// <summary>The model used when <see cref="ChatOptions.ModelId"/> is not set.</summary>
    public string? DefaultModel { get; }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var call = RequestMapper.Map(messages, options, DefaultModel, this);
        var response = call.CallOptions is null
            ? await _client.CreateAsync(call.Request, cancellationToken).ConfigureAwait(false)
            : await StreamToEndAsync(call, cancellationToken).ConfigureAwait(false); // only streaming takes a lane
        return OutputMapper.ToChatResponse(response, ConversationIdFor(call, response.Id));
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var call = RequestMapper.Map(messages, options, DefaultModel, this); // argument errors surface here, not at the first MoveNext
        return StreamAsync(call, cancellationToken);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(ResponsesClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Nothing to release: the <see cref="ResponsesClient"/> belongs to the caller.</summary>
    public void Dispose()
    {
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(ChatCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var mapper = new StreamingUpdateMapper(id => ConversationIdFor(call, id));
        await foreach (var evt in _client.StreamAsync(call.Request, call.CallOptions, cancellationToken).ConfigureAwait(false))
        {
            foreach (var update in mapper.Map(evt))
            {
                yield return update;
            }
        }
    }

    private async Task<ResponseObject> StreamToEndAsync(ChatCall call, CancellationToken cancellationToken)
    {
        ResponseObject? final = null;
        await foreach (var evt in _client.StreamAsync(call.Request, call.CallOptions, cancellationToken).ConfigureAwait(false))
        {
            if (evt is ResponseLifecycleEvent { IsTerminal: true } terminal)
            {
                final = terminal.Response;
            }
        }

        return final ?? throw new ResponsesConnectionException("The stream ended without a response.");
    }

    /// <summary>
    /// What the caller continues from: the hosted conversation when one was named, else this response —
    /// unless it was not stored and only a WebSocket connection's cache could have held it.
    /// </summary>
    private string? ConversationIdFor(ChatCall call, string responseId) =>
        call.HostedConversationId
        ?? (call.Request.Store == false && _client.ActiveTransport != ResponsesTransportKind.WebSocket ? null : responseId);
}
