using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Tandem.Bench.Capacity;

/// <summary>
/// One connection of the turn test, the raw client's way: a prebuilt <c>response.create</c> frame,
/// then frames read into one reused buffer, reading each event's <c>type</c> and nothing more.
/// </summary>
internal sealed class TurnConnection : IDisposable
{
    private const int ErrorExcerpt = 300;
    private readonly ClientWebSocket _socket;
    private readonly CapacityOptions _options;
    private readonly byte[] _fresh;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private string? _previousId;
    private int _chained;

    public TurnConnection(ClientWebSocket socket, CapacityOptions options)
    {
        _socket = socket;
        _options = options;
        _fresh = Request(options, previousId: null);
    }

    public WebSocketState State => _socket.State;

    public ClientWebSocket Socket => _socket;

    public async Task<TurnOutcome> RunTurnAsync(CancellationToken cancellationToken)
    {
        var chain = _options.ChainTurns > 0;
        var request = chain && _previousId is not null && _chained < _options.ChainTurns ? Request(_options, _previousId) : _fresh;
        if (request == _fresh)
        {
            _chained = 0;
        }

        var started = Stopwatch.GetTimestamp();
        var frames = 0;
        long bytes = 0;
        await _socket.SendAsync(request, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var count = 0;
            while (true)
            {
                if (count == _buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                    _buffer.AsSpan(0, count).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = bigger;
                }

                var result = await _socket.ReceiveAsync(_buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return new TurnOutcome(false, started, Stopwatch.GetTimestamp(), frames, bytes, $"server closed the connection ({_socket.CloseStatus} {_socket.CloseStatusDescription})");
                }

                count += result.Count;
                if (result.EndOfMessage)
                {
                    break;
                }
            }

            frames++;
            bytes += count;
            var message = _buffer.AsSpan(0, count);
            switch (EventType(message))
            {
                case "response.completed":
                    if (chain)
                    {
                        _previousId = ResponseId(message);
                        _chained++;
                    }

                    return new TurnOutcome(true, started, Stopwatch.GetTimestamp(), frames, bytes, null);
                case "error" or "response.failed" or "response.incomplete":
                    _previousId = null;
                    var text = Encoding.UTF8.GetString(message);
                    return new TurnOutcome(false, started, Stopwatch.GetTimestamp(), frames, bytes, text.Length > ErrorExcerpt ? text[..ErrorExcerpt] + "…" : text);
            }
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _socket.Dispose();
    }

    private static byte[] Request(CapacityOptions options, string? previousId)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "response.create");
            writer.WriteString("model", options.Model);
            writer.WriteBoolean("store", false);
            if (previousId is not null)
            {
                writer.WriteString("previous_response_id", previousId);
            }

            writer.WriteString("input", options.TurnInput);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>The top-level <c>type</c> of an event, interned for the few types that matter.</summary>
    private static string? EventType(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                return reader.ValueTextEquals("response.completed"u8) ? "response.completed"
                    : reader.ValueTextEquals("error"u8) ? "error"
                    : reader.ValueTextEquals("response.failed"u8) ? "response.failed"
                    : reader.ValueTextEquals("response.incomplete"u8) ? "response.incomplete"
                    : "other";
            }

            reader.Read();
            reader.Skip();
        }

        return null;
    }

    private static string? ResponseId(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.TryGetProperty("response", out var response) && response.TryGetProperty("id", out var id) ? id.GetString() : null;
    }
}
