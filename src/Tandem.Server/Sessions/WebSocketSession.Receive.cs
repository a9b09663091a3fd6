using System.Diagnostics;
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
        using var reader = new TextMessageReader(_socket, _options.MaxMessageBytes, InitialReceiveBuffer);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } message)
        {
            await HandleMessageAsync(message, Stopwatch.GetTimestamp(), cancellationToken).ConfigureAwait(false);
        }

        _closeReason = reader.End.Reason;
        await CloseAsync(reader.End.Status, reader.End.Description).ConfigureAwait(false);
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
