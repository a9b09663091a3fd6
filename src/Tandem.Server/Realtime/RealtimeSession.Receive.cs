using System.Net.WebSockets;
using System.Text.Json;
using Tandem.Voice.Realtime.Protocol;

using Tandem.Server.Sessions;

namespace Tandem.Server.Realtime;

/// <summary>The receive loop: frames to events, each event handled under the gate; a bad event is an <c>error</c> event, never a close.</summary>
internal sealed partial class RealtimeSession
{
    private const int InitialReceiveBuffer = 64 * 1024;

    private static readonly string[] SupportedTypes =
    [
        RealtimeClientEventTypes.SessionUpdate,
        RealtimeClientEventTypes.InputAudioBufferAppend,
        RealtimeClientEventTypes.InputAudioBufferCommit,
        RealtimeClientEventTypes.InputAudioBufferClear,
        RealtimeClientEventTypes.ConversationItemCreate,
        RealtimeClientEventTypes.ConversationItemRetrieve,
        RealtimeClientEventTypes.ConversationItemTruncate,
        RealtimeClientEventTypes.ConversationItemDelete,
        RealtimeClientEventTypes.ResponseCreate,
        RealtimeClientEventTypes.ResponseCancel,
        RealtimeClientEventTypes.OutputAudioBufferClear,
    ];

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        using var reader = new TextMessageReader(_socket, _hub.MaxMessageBytes, InitialReceiveBuffer);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } message)
        {
            await HandleMessageAsync(message, cancellationToken).ConfigureAwait(false);
        }

        _closeReason = reader.End.Reason;
        await CloseAsync(reader.End.Status, reader.End.Description).ConfigureAwait(false);
    }

    private async Task HandleMessageAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        RealtimeClientEvent? clientEvent = null;
        RealtimeRequestException? refusal = null;
        string? clientEventId = null;
        var eventType = "(unreadable)";
        try
        {
            clientEvent = RealtimeJson.ParseClientEvent(message.Span);
            clientEventId = clientEvent.EventId;
            eventType = clientEvent.Type;
        }
        catch (JsonException ex)
        {
            (refusal, clientEventId, eventType) = DescribeUnreadable(message, ex);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (clientEvent is not null)
            {
                try
                {
                    await DispatchAsync(clientEvent, cancellationToken).ConfigureAwait(false);
                }
                catch (RealtimeRequestException ex)
                {
                    refusal = ex;
                }
                catch (Exception ex) when (ex is not (OperationCanceledException or WebSocketException or ObjectDisposedException))
                {
                    // A bug must not end the session: the client gets OpenAI's generic server error, the log the details.
                    RealtimeLog.InternalError(_hub.Logger, ex, Id, eventType);
                    refusal = new RealtimeRequestException("internal_error", "The server had an error while processing your request. Sorry about that!", null, RealtimeErrors.ServerError);
                }
            }

            if (refusal is not null)
            {
                if (_hub.Logging)
                {
                    RealtimeLog.EventRefused(_hub.Logger, Id, eventType, refusal.Code, refusal.Param);
                }

                await SendAsync(RealtimeServerEvents.Error(refusal.ErrorType, refusal.Code, refusal.Message, refusal.Param, clientEventId), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs one client event; called under the gate. Refusals throw <see cref="RealtimeRequestException"/>.</summary>
    private ValueTask DispatchAsync(RealtimeClientEvent clientEvent, CancellationToken cancellationToken) => clientEvent switch
    {
        RealtimeSessionUpdateEvent e => UpdateSessionAsync(e, cancellationToken),
        RealtimeInputAudioBufferAppendEvent e => AppendAudioAsync(e, cancellationToken),
        RealtimeInputAudioBufferCommitEvent => CommitAudioBufferAsync(cancellationToken),
        RealtimeInputAudioBufferClearEvent => ClearAudioBufferAsync(cancellationToken),
        RealtimeConversationItemCreateEvent e => CreateItemAsync(e, cancellationToken),
        RealtimeConversationItemRetrieveEvent e => RetrieveItemAsync(e, cancellationToken),
        RealtimeConversationItemDeleteEvent e => DeleteItemAsync(e, cancellationToken),
        RealtimeConversationItemTruncateEvent e => TruncateItemAsync(e, cancellationToken),
        RealtimeResponseCreateEvent e => CreateResponseAsync(e.Response, cancellationToken),
        RealtimeResponseCancelEvent e => CancelResponse(e),
        RealtimeOutputAudioBufferClearEvent => throw new RealtimeRequestException(RealtimeErrors.UnsupportedEvent,
            "output_audio_buffer.clear is for WebRTC and SIP connections; over a WebSocket the client plays (and stops) the audio itself.", "type"),
        _ when string.IsNullOrEmpty(clientEvent.Type) => throw RealtimeErrors.Missing("type"),
        _ => throw RealtimeErrors.NotOneOf("type", clientEvent.Type, SupportedTypes),
    };

    private static (RealtimeRequestException Refusal, string? EventId, string EventType) DescribeUnreadable(ReadOnlyMemory<byte> message, JsonException ex)
    {
        try
        {
            using var doc = JsonDocument.Parse(message);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (new RealtimeRequestException(RealtimeErrors.InvalidJson,
                    $"Expected a JSON object, but got a JSON {root.ValueKind.ToString().ToLowerInvariant()}."), null, "(not an object)");
            }

            var eventId = root.TryGetProperty("event_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "(no type)";

            // Well-formed JSON with a field of the wrong shape: name the field by its path.
            var path = ex.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
            var detail = Trim(ex.Message);
            return (new RealtimeRequestException(RealtimeErrors.InvalidType,
                path is null ? $"Invalid '{type}' event: {detail}" : $"Invalid type for '{path}': {detail}", path), eventId, type);
        }
        catch (JsonException)
        {
            return (new RealtimeRequestException(RealtimeErrors.InvalidJson,
                "We could not parse the JSON of your message. Each WebSocket text frame must hold one JSON object (a client event)."), null, "(malformed JSON)");
        }
    }

    private static string Trim(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
