using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Voice.Realtime;

/// <summary>
/// Sending: one JSON client event per text frame, one sender at a time, from a reused buffer. Each
/// event gets an <c>evt_…</c> id when it has none, so an <c>error</c> can be matched to it.
/// Cancelling a call cancels waiting, never a frame half-sent (that would abort the socket and end
/// the session).
/// </summary>
public sealed partial class RealtimeClient
{
    /// <summary>The most base64 one <c>input_audio_buffer.append</c> may carry (15 MiB).</summary>
    internal const int MaxAppendBase64Bytes = 15 * 1024 * 1024;

    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private ArrayBufferWriter<byte> _sendBuffer = new(16 * 1024);
    private Utf8JsonWriter? _sendWriter;

    /// <summary>Sends any client event (given an <c>evt_…</c> id when it has none) and returns its event id.</summary>
    public async ValueTask<string> SendAsync(RealtimeClientEvent clientEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientEvent);
        clientEvent.EventId ??= RealtimeIds.NewClientEventId();
        await SendFrameAsync(clientEvent, static (writer, evt) => JsonSerializer.Serialize(writer, evt, RealtimeJson.Info<RealtimeClientEvent>()), cancellationToken).ConfigureAwait(false);
        return clientEvent.EventId;
    }

    /// <summary><c>session.update</c>: changes the fields set in <paramref name="session"/>, and returns the effective configuration of <c>session.updated</c>.</summary>
    /// <exception cref="RealtimeException">The server rejected the update (e.g. <c>param</c> names the bad field).</exception>
    public async Task<RealtimeSessionConfig> UpdateSessionAsync(RealtimeSessionConfig session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var updated = await SendAndWaitAsync<RealtimeSessionUpdatedEvent>(new RealtimeSessionUpdateEvent { Session = session }, null, cancellationToken).ConfigureAwait(false);
        return updated.Session ?? throw new RealtimeException("The server's session.updated carried no session.");
    }

    /// <summary>
    /// <c>input_audio_buffer.append</c>: <paramref name="audio"/> in the session's input format (no
    /// answer; with server VAD the server commits by itself). Returns the event id.
    /// </summary>
    public async ValueTask<string> AppendAudioAsync(ReadOnlyMemory<byte> audio, CancellationToken cancellationToken = default)
    {
        if (audio.IsEmpty)
        {
            throw new ArgumentException("There is no audio to append.", nameof(audio));
        }

        if (((long)audio.Length + 2) / 3 * 4 > MaxAppendBase64Bytes)
        {
            throw new ArgumentException($"{audio.Length} bytes of audio exceed one append's limit (15 MiB as base64): send it in chunks (StreamAudioAsync).", nameof(audio));
        }

        var eventId = RealtimeIds.NewClientEventId();
        await SendFrameAsync((eventId, audio), static (writer, state) =>
        {
            // Written by hand: the audio goes straight to base64 in the frame, without a string.
            writer.WriteStartObject();
            writer.WriteString("type"u8, RealtimeClientEventTypes.InputAudioBufferAppend);
            writer.WriteString("event_id"u8, state.eventId);
            writer.WriteBase64String("audio"u8, state.audio.Span);
            writer.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        return eventId;
    }

    /// <summary><c>input_audio_buffer.commit</c>: the buffer becomes a user item (needed without VAD). Returns <c>input_audio_buffer.committed</c>.</summary>
    /// <exception cref="RealtimeException">E.g. <c>input_audio_buffer_commit_empty</c>.</exception>
    public Task<RealtimeInputAudioBufferCommittedEvent> CommitAudioAsync(CancellationToken cancellationToken = default) =>
        SendAndWaitAsync<RealtimeInputAudioBufferCommittedEvent>(new RealtimeInputAudioBufferCommitEvent(), null, cancellationToken);

    /// <summary><c>input_audio_buffer.clear</c>; returns <c>input_audio_buffer.cleared</c>.</summary>
    public Task<RealtimeInputAudioBufferClearedEvent> ClearAudioAsync(CancellationToken cancellationToken = default) =>
        SendAndWaitAsync<RealtimeInputAudioBufferClearedEvent>(new RealtimeInputAudioBufferClearEvent(), null, cancellationToken);

    /// <summary>
    /// <c>conversation.item.create</c> (history, a message, a function call output), after
    /// <paramref name="previousItemId"/> or at the end. Returns the event id; the server's
    /// <c>conversation.item.added</c> (or <c>error</c>) arrives with the other events.
    /// </summary>
    public ValueTask<string> CreateItemAsync(RealtimeConversationItem item, string? previousItemId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return SendAsync(new RealtimeConversationItemCreateEvent { Item = item, PreviousItemId = previousItemId }, cancellationToken);
    }

    /// <summary>Answers the function call <paramref name="callId"/> with <paramref name="output"/> (a <c>function_call_output</c> item).</summary>
    public ValueTask<string> SendFunctionCallOutputAsync(string callId, string output, CancellationToken cancellationToken = default) =>
        CreateItemAsync(RealtimeFunctionCallOutputItem.Create(callId, output), null, cancellationToken);

    /// <summary>
    /// <c>response.create</c>, with optional per-response overrides; returns the response of the next
    /// <c>response.created</c>. (With server VAD a response the server started at the same moment
    /// can be the one returned.)
    /// </summary>
    /// <exception cref="RealtimeException">E.g. <c>conversation_already_has_active_response</c>.</exception>
    public async Task<RealtimeResponse> CreateResponseAsync(RealtimeResponseCreateOptions? options = null, CancellationToken cancellationToken = default)
    {
        var created = await SendAndWaitAsync<RealtimeResponseCreatedEvent>(new RealtimeResponseCreateEvent { Response = options }, null, cancellationToken).ConfigureAwait(false);
        return created.Response ?? throw new RealtimeException("The server's response.created carried no response.");
    }

    /// <summary><c>response.cancel</c> (the response in progress, or <paramref name="responseId"/>); its <c>response.done</c> says <c>cancelled</c>. Returns the event id.</summary>
    public ValueTask<string> CancelResponseAsync(string? responseId = null, CancellationToken cancellationToken = default) =>
        SendAsync(new RealtimeResponseCancelEvent { ResponseId = responseId }, cancellationToken);

    /// <summary>WebRTC/SIP: <c>output_audio_buffer.clear</c>. Returns the event id.</summary>
    public ValueTask<string> ClearOutputAudioAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new RealtimeOutputAudioBufferClearEvent(), cancellationToken);

    /// <summary><c>conversation.item.retrieve</c>: the server's copy of an item, audio included.</summary>
    public async Task<RealtimeConversationItem> RetrieveItemAsync(string itemId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemId);
        var retrieved = await SendAndWaitAsync<RealtimeConversationItemRetrievedEvent>(
            new RealtimeConversationItemRetrieveEvent { ItemId = itemId }, e => e.Item?.Id == itemId, cancellationToken).ConfigureAwait(false);
        return retrieved.Item!;
    }

    /// <summary><c>conversation.item.truncate</c>: cuts an assistant audio item at what the user heard.</summary>
    public Task<RealtimeConversationItemTruncatedEvent> TruncateItemAsync(string itemId, int contentIndex, int audioEndMs, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemId);
        ArgumentOutOfRangeException.ThrowIfNegative(contentIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(audioEndMs);
        return SendAndWaitAsync<RealtimeConversationItemTruncatedEvent>(
            new RealtimeConversationItemTruncateEvent { ItemId = itemId, ContentIndex = contentIndex, AudioEndMs = audioEndMs }, e => e.ItemId == itemId, cancellationToken);
    }

    /// <summary><c>conversation.item.delete</c>.</summary>
    public Task<RealtimeConversationItemDeletedEvent> DeleteItemAsync(string itemId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemId);
        return SendAndWaitAsync<RealtimeConversationItemDeletedEvent>(new RealtimeConversationItemDeleteEvent { ItemId = itemId }, e => e.ItemId == itemId, cancellationToken);
    }

    /// <summary>Sends <paramref name="clientEvent"/> and waits for its answer (the first <typeparamref name="TAnswer"/> matching <paramref name="match"/>) or its error.</summary>
    private async Task<TAnswer> SendAndWaitAsync<TAnswer>(RealtimeClientEvent clientEvent, Func<TAnswer, bool>? match, CancellationToken cancellationToken)
        where TAnswer : RealtimeServerEvent
    {
        ThrowIfNotOpen();
        clientEvent.EventId ??= RealtimeIds.NewClientEventId();
        var pending = new PendingOperation(clientEvent.EventId, clientEvent.Type, typeof(TAnswer).Name, e => e is TAnswer answer && (match is null || match(answer)));

        // Registered before sending: the answer may arrive before SendAsync returns.
        Register(pending);
        try
        {
            await SendAsync(clientEvent, cancellationToken).ConfigureAwait(false);
            return (TAnswer)await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Unregister(pending);
        }
    }

    private async ValueTask SendFrameAsync<TState>(TState state, Action<Utf8JsonWriter, TState> write, CancellationToken cancellationToken)
    {
        ThrowIfNotOpen();
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfNotOpen();
            cancellationToken.ThrowIfCancellationRequested();
            _sendBuffer.ResetWrittenCount();
            var writer = _sendWriter ??= new Utf8JsonWriter(_sendBuffer, RealtimeJson.WriterOptions);
            writer.Reset(_sendBuffer);
            write(writer, state);
            writer.Flush();
            await _socket!.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, _lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw _expired is { } expired
                ? (RealtimeException)new RealtimeSessionExpiredException(expired.Cap, expired.ExpiredAt)
                : new RealtimeConnectionException($"Could not send on the Realtime WebSocket: {RealtimeRedaction.Scrub(ex.Message, _options.ApiKey)}", ex);
        }
        finally
        {
            if (_sendBuffer.Capacity > 1024 * 1024)
            {
                // The buffer of a large frame (a long audio chunk) is not worth keeping for the whole session.
                _sendBuffer = new ArrayBufferWriter<byte>(16 * 1024);
                _sendWriter?.Dispose();
                _sendWriter = null;
            }

            _sendLock.Release();
        }
    }
}
