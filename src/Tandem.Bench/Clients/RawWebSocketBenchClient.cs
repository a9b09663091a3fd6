using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Tandem.Bench.Measurement;
using Tandem.Bench.Scenarios;

namespace Tandem.Bench.Clients;

/// <summary>
/// The floor over WebSocket mode: a hand-written tool loop on one <see cref="ClientWebSocket"/>, kept
/// open across runs. Each turn is one <c>response.create</c> text frame written with
/// <see cref="Utf8JsonWriter"/> into a reused buffer, chained with <c>previous_response_id</c>; server
/// events are read into pooled buffers and looked at by their <c>type</c> alone, except for what the
/// tool loop cannot do without (see <see cref="RawResponsesProtocol"/>). Each call starts as soon as
/// its item is done.
/// </summary>
internal sealed class RawWebSocketBenchClient : IBenchClient
{
    private const int InitialReceiveBuffer = 16 * 1024;

    private readonly BenchTarget _target;
    private readonly TrafficMeter _meter = new();
    private readonly Uri _uri;
    private readonly ArrayBufferWriter<byte> _body = new(16 * 1024);
    private readonly Utf8JsonWriter _json;
    private readonly RawTurn _turn = new();
    private ClientWebSocket? _socket;
    private BenchScenario? _toolsFor;
    private byte[] _tools = [];

    private RawWebSocketBenchClient(BenchTarget target)
    {
        _target = target;
        var http = new Uri(target.BaseUrl, "responses");
        _uri = new UriBuilder(http) { Scheme = http.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        _json = new Utf8JsonWriter(_body, RawResponsesProtocol.WriterOptions);
    }

    public string Name => "raw-ws";

    public string Description => "Raw floor: one ClientWebSocket kept open across runs, Utf8JsonWriter response.create frames, pooled receive buffers, events read by type only (JSON read for call items, completion usage, final text), chained with previous_response_id, calls started as their items complete";

    public string Transport => "websocket";

    public static RawWebSocketBenchClient Create(BenchTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new RawWebSocketBenchClient(target);
    }

    public async Task<RunMeasurement> RunAsync(BenchScenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var recorder = new RunRecorder(_meter);
        var model = _target.ModelFor(scenario);
        if (!ReferenceEquals(_toolsFor, scenario))
        {
            _tools = RawResponsesProtocol.ToolsJson(scenario);
            _toolsFor = scenario;
        }

        string? previous = null;
        string[] outputs = [];
        var buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBuffer);
        try
        {
            for (var turn = 0; turn < scenario.Turns + 2; turn++)
            {
                recorder.TurnStarted(); // the request's serialisation counts in the turn
                _body.ResetWrittenCount();
                _json.Reset(_body);
                RawResponsesProtocol.WriteRequest(_json, webSocket: true, model, previous, turn == 0 ? scenario.Prompt : null, turn == 0 ? Array.Empty<RawFunctionCall>() : _turn.Calls, outputs, _tools);
                _turn.Reset(scenario, cancellationToken);

                var socket = await ConnectedAsync(cancellationToken).ConfigureAwait(false);
                await socket.SendAsync(_body.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);

                var count = 0;
                while (_turn.Completion is null && _turn.Failure is null)
                {
                    if (count == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, count).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    var received = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        Drop();
                        return recorder.Finish(string.Empty, $"raw-ws: turn {turn + 1}: the server closed the WebSocket ({(int?)socket.CloseStatus} {socket.CloseStatusDescription})");
                    }

                    count += received.Count;
                    if (!received.EndOfMessage)
                    {
                        continue;
                    }

                    var message = buffer.AsSpan(0, count);
                    count = 0;
                    switch (_turn.Handle(RawResponsesProtocol.KindOf(message), message))
                    {
                        case RawEventKind.OutputItemAdded or RawEventKind.TextDelta or RawEventKind.OutputItemDone:
                            recorder.Output();
                            break;
                        case RawEventKind.Completed when _turn.Completion is { } done:
                            recorder.TurnCompleted(done.ResponseId, done.InputTokens, done.CachedTokens, done.OutputTokens, _turn.Calls.Count);
                            break;
                    }
                }

                if (_turn.Failure is { } failure)
                {
                    return recorder.Finish(string.Empty, $"raw-ws: turn {turn + 1}: {failure}");
                }

                if (_turn.Calls.Count == 0)
                {
                    return recorder.Finish(_turn.Text);
                }

                outputs = await _turn.OutputsAsync().ConfigureAwait(false);
                previous = _turn.Completion!.Value.ResponseId;
            }

            return recorder.Finish(string.Empty, $"raw-ws: no final answer after {scenario.Turns + 2} turns");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The socket may still carry the rest of a failed response: start the next run on a new one.
            Drop();
            return recorder.Finish(string.Empty, $"raw-ws: {ex.GetType().Name}: {ex.Message}");
        }
        catch
        {
            Drop();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket is { State: WebSocketState.Open } socket)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, string.Empty, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
            {
                // Closing is a courtesy; the socket is disposed either way.
            }
        }

        Drop();
        _json.Dispose();
        _meter.Dispose();
    }

    // The open socket, or a new one (its handshake counts in the turn that needed it, as a reconnect would).
    private async ValueTask<ClientWebSocket> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_socket is { State: WebSocketState.Open } open)
        {
            return open;
        }

        Drop();
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + _target.ApiKey);
        try
        {
            await socket.ConnectAsync(_uri, _meter.Invoker, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        return socket;
    }

    private void Drop()
    {
        _socket?.Abort();
        _socket?.Dispose();
        _socket = null;
    }
}
