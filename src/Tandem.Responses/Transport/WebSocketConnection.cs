using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;

namespace Tandem.Responses.Transport;

/// <summary>
/// One open socket: its generation (a new number per connection), age, the responses it is
/// serving by lane, and a single sender. Its server-side cache lives exactly as long as it does.
/// </summary>
internal sealed class WebSocketConnection(ClientWebSocket socket, long generation, DateTimeOffset openedAt, long openedTimestamp)
{
    private readonly ConcurrentDictionary<string, ActiveResponse> _active = new(StringComparer.Ordinal);

    public ClientWebSocket Socket { get; } = socket;

    public long Generation { get; } = generation;

    public DateTimeOffset OpenedAt { get; } = openedAt;

    /// <summary>Fingerprint of the key the handshake authenticated with: the connection acts as that key for its whole life.</summary>
    public string KeyId { get; init; } = string.Empty;

    public SemaphoreSlim SendLock { get; } = new(1, 1);

    public ArrayBufferWriter<byte> SendBuffer { get; } = new(16 * 1024);

    /// <summary>The JSON writer sends reuse (under <see cref="SendLock"/>), made by the first send.</summary>
    public Utf8JsonWriter? SendWriter { get; set; }

    public CancellationTokenSource Lifetime { get; } = new();

    /// <summary>TimeProvider timestamp of the last frame received (or of the last response start).</summary>
    public long LastActivity = openedTimestamp;

    public volatile bool Closed;

    /// <summary>Why the connection ended, for the exception of responses it leaves unfinished.</summary>
    public string? CloseReason { get; set; }

    public WebSocketCloseStatus? CloseStatus { get; set; }

    /// <summary>Completes when the connection's receive thread has ended.</summary>
    public Task ReceiveLoop { get; set; } = Task.CompletedTask;

    /// <summary>The TCP stream when the transport made it (not with a caller's <see cref="ResponsesClientOptions.WebSocketInvoker"/>).</summary>
    public ConnectionThreadStream? Stream { get; set; }

    /// <summary>The handshake's invoker when the transport made it: disposed with the connection.</summary>
    public HttpMessageInvoker? Invoker { get; set; }

    public ITimer? Watchdog { get; set; }

    public int ActiveCount => _active.Count;

    public bool TryRegister(string lane, ActiveResponse response) => _active.TryAdd(lane, response);

    public void Unregister(string lane, ActiveResponse response) => _active.TryRemove(new KeyValuePair<string, ActiveResponse>(lane, response));

    public bool TryGet(string lane, out ActiveResponse response) => _active.TryGetValue(lane, out response!);

    public ICollection<ActiveResponse> Active => _active.Values;

    /// <summary>Receive loop only: the responses written to since the last <see cref="FlushAll"/>.</summary>
    public List<ActiveResponse> Unflushed { get; } = [];

    /// <summary>Receive loop only: wakes the readers of every lane written to since the last flush.</summary>
    public void FlushAll()
    {
        var unflushed = Unflushed;
        for (var i = 0; i < unflushed.Count; i++)
        {
            unflushed[i].Unflushed = false;
            unflushed[i].Events.Flush();
        }

        unflushed.Clear();
    }

    /// <summary>Diagnostics (tests): events received for <paramref name="lane"/> that its consumer has not read yet.</summary>
    public int BufferedEvents(string lane) => _active.TryGetValue(lane, out var response) ? response.Events.Count : 0;

    /// <summary>Ends every unfinished response with <paramref name="error"/>.</summary>
    public void FailAll(Exception error)
    {
        foreach (var response in _active.Values)
        {
            response.Events.TryComplete(error);
        }
    }
}
