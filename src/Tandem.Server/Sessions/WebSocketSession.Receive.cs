using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;
using Tandem.Server.Endpoints;
using Tandem.Server.Operations;

namespace Tandem.Server.Sessions;

/// <summary>The single receive loop: frames to messages, messages to lanes.</summary>
internal sealed partial class WebSocketSession
{
    private const int InitialReceiveBuffer = 16 * 1024;

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var max = _options.MaxMessageBytes;
        byte[]? buffer = null;
        var count = 0;
        try
        {
            while (true)
            {
                if (buffer is null)
                {
                    // Wait for the next message without holding a buffer: an idle connection keeps none.
                    var peek = await _socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
                    if (peek.MessageType == WebSocketMessageType.Close)
                    {
                        _closeReason = "client closed";
                        await CloseAsync(WebSocketCloseStatus.NormalClosure, string.Empty).ConfigureAwait(false);
                        return;
                    }

                    if (peek.MessageType == WebSocketMessageType.Binary)
                    {
                        _closeReason = "binary frame";
                        await CloseAsync(WebSocketCloseStatus.InvalidMessageType, "Binary frames are not supported: send each event as one JSON text frame.").ConfigureAwait(false);
                        return;
                    }

                    if (peek.EndOfMessage)
                    {
                        // An empty text message is whole already.
                        await HandleMessageAsync(ReadOnlyMemory<byte>.Empty, Stopwatch.GetTimestamp(), cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    buffer = Rent(Math.Min(InitialReceiveBuffer, max + 1));
                }

                if (count == buffer.Length)
                {
                    // Grow up to one byte past the limit: enough to know the limit was crossed.
                    var bigger = Rent(Math.Min(buffer.Length * 2, max + 1));
                    buffer.AsSpan(0, count).CopyTo(bigger);
                    Return(buffer);
                    buffer = bigger;
                }

                var result = await _socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                switch (result.MessageType)
                {
                    case WebSocketMessageType.Close:
                        _closeReason = "client closed";
                        await CloseAsync(WebSocketCloseStatus.NormalClosure, string.Empty).ConfigureAwait(false);
                        return;
                    case WebSocketMessageType.Binary:
                        _closeReason = "binary frame";
                        await CloseAsync(WebSocketCloseStatus.InvalidMessageType, "Binary frames are not supported: send each event as one JSON text frame.").ConfigureAwait(false);
                        return;
                }

                count += result.Count;
                if (count > max)
                {
                    _closeReason = "message too big";
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, $"Message exceeds the limit of {max} bytes.").ConfigureAwait(false);
                    return;
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                await HandleMessageAsync(buffer.AsMemory(0, count), Stopwatch.GetTimestamp(), cancellationToken).ConfigureAwait(false);
                count = 0;
                Return(buffer);
                buffer = null;
            }
        }
        finally
        {
            if (buffer is not null)
            {
                Return(buffer);
            }
        }
    }

    private async ValueTask HandleMessageAsync(ReadOnlyMemory<byte> message, long receivedAt, CancellationToken cancellationToken)
    {
        ResponseCreateRequest? request = null;
        ProtocolException? refusal = null;
        try
        {
            request = ProtocolJson.Deserialize<ResponseCreateRequest>(message.Span);
            if (request is null)
            {
                refusal = ProtocolException.BadRequest("Expected a JSON object with 'type': 'response.create'.", ErrorCodes.InvalidJson, null);
            }
        }
        catch (JsonException ex)
        {
            refusal = DescribeUnreadable(message, ex);
        }

        if (refusal is null && request!.Type != ResponseEventTypes.ResponseCreate)
        {
            refusal = request.Type is null
                ? ProtocolException.BadRequest("Missing required parameter: 'type'.", ErrorCodes.MissingRequiredParameter, "type")
                : UnsupportedType(request.Type);
        }

        if (refusal is not null)
        {
            await RejectAsync(refusal, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var streamId = request!.StreamId;
        if (_expired)
        {
            await RejectAsync(new ProtocolException(400, ConnectionLimitError().Message, ErrorCodes.WebSocketConnectionLimitReached), streamId, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (streamId is not null && !RequestValidator.IsValidStreamId(streamId))
        {
            await RejectAsync(ProtocolException.BadRequest(
                "Invalid 'stream_id'. Expected 1 to 256 characters from A-Z, a-z, 0-9, '_', '.' and '-'.", ErrorCodes.InvalidStreamId, "stream_id"), null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var lane = GetOrCreateLane(streamId ?? string.Empty);
        if (lane is null)
        {
            await RejectAsync(ProtocolException.BadRequest(
                $"This connection has opened its limit of {_options.MaxLanesPerConnection} named streams. Reuse a stream_id or open a new websocket connection.",
                ErrorCodes.WebSocketStreamLimitReached,
                "stream_id"), streamId, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A full lane makes this wait: the socket stops being read (back-pressure), nothing is dropped.
        await lane.Queue.Writer.WriteAsync(new LaneWork(request, receivedAt), cancellationToken).ConfigureAwait(false);
    }

    private static ProtocolException DescribeUnreadable(ReadOnlyMemory<byte> message, JsonException ex)
    {
        try
        {
            using var doc = JsonDocument.Parse(message);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ProtocolException.BadRequest($"Expected a JSON object, but got a JSON {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}.", ErrorCodes.InvalidJson, null);
            }

            if (!doc.RootElement.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return ProtocolException.BadRequest("Missing required parameter: 'type'.", ErrorCodes.MissingRequiredParameter, "type");
            }

            if (type.GetString() != ResponseEventTypes.ResponseCreate)
            {
                return UnsupportedType(type.GetString()!);
            }

            // Well-formed JSON with a field of the wrong shape.
            var path = ex.Path is { Length: > 2 } p ? p[2..] : null;
            return ProtocolException.BadRequest(
                path is null ? $"Invalid 'response.create' event: {Trim(ex.Message)}" : $"Invalid type for '{path}': {Trim(ex.Message)}",
                ErrorCodes.InvalidType,
                path);
        }
        catch (JsonException)
        {
            return ProtocolException.BadRequest(
                "We could not parse the JSON of your message. Each WebSocket text frame must hold one JSON object.", ErrorCodes.InvalidJson, null);
        }
    }

    private static ProtocolException UnsupportedType(string type) => ProtocolException.BadRequest(
        $"Invalid value: '{(type.Length > 64 ? type[..64] + "…" : type)}'. Supported values are: 'response.create'.", ErrorCodes.InvalidValue, "type");

    private static string Trim(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private async ValueTask RejectAsync(ProtocolException refusal, string? streamId, CancellationToken cancellationToken)
    {
        if (_options.RequestLogging)
        {
            ServerLog.RequestRejected(_state.Logger, Transport.WebSocket, streamId ?? string.Empty, refusal.Status, refusal.Error.Code, refusal.Error.Param, refusal.Message);
        }

        await SendErrorAsync(refusal.Status, refusal.Error, streamId, cancellationToken).ConfigureAwait(false);
    }
}
