using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Server.Realtime;

/// <summary>Writing events: one JSON object per text frame, only while holding the gate (a WebSocket allows one sender).</summary>
internal sealed partial class RealtimeSession
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonElement> s_pads = new(StringComparer.Ordinal);
    private ArrayBufferWriter<byte> _sendBuffer = new(16 * 1024);

    /// <summary>Sends <paramref name="serverEvent"/>, giving it an <c>event_…</c> id. Call only while holding <see cref="_gate"/>.</summary>
    private async ValueTask SendAsync(RealtimeServerEvent serverEvent, CancellationToken cancellationToken)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            // Closing (the session expired): events still in flight have nobody to go to.
            return;
        }

        serverEvent.EventId ??= RealtimeIds.NewEventId();
        _sendBuffer.ResetWrittenCount();
        RealtimeJson.Write(_sendBuffer, serverEvent);
        await _socket.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        if (_sendBuffer.Capacity > 1024 * 1024)
        {
            // One large retrieve (an item with its audio) should not pin a megabyte buffer for the session's life.
            _sendBuffer = new(16 * 1024);
        }
    }

    /// <summary>The <c>obfuscation</c> member OpenAI adds to text deltas (padding that hides token sizes).</summary>
    private static T Obfuscated<T>(T serverEvent, string delta)
        where T : RealtimeServerEvent
    {
        // The pads are letters and digits (no escaping), and few: parse each once.
        var pad = s_pads.GetOrAdd(Operations.Obfuscation.For(delta), ParsePad);
        serverEvent.AdditionalProperties = new() { ["obfuscation"] = pad };
        return serverEvent;
    }

    private static JsonElement ParsePad(string pad)
    {
        using var doc = JsonDocument.Parse("\"" + pad + "\"");
        return doc.RootElement.Clone();
    }
}
