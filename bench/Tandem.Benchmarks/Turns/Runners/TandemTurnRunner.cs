using Tandem.Benchmarks.Infrastructure;
using Tandem.Responses;
using Tandem.Responses.Protocol;

namespace Tandem.Benchmarks.Turns.Runners;

/// <summary>Tandem's <see cref="ResponsesClient"/> with default settings: a new request per turn, every event read as a typed event.</summary>
public sealed class TandemTurnRunner : ITurnRunner
{
    private readonly ResponsesClient _client;
    private readonly ResponsesTransportKind _transport;
    private readonly History? _history;

    public TandemTurnRunner(Uri baseAddress, ResponsesTransportKind transport, History? history, bool deliverEventsInline = true, bool spin = true)
    {
        _transport = transport;
        _history = history;
        _client = new ResponsesClient(new ResponsesClientOptions
        {
            BaseUrl = new Uri(baseAddress, "/v1/"),
            Transport = transport, // WebSocket: one connection, the default single lane
            ApiKeys = { LocalServer.ApiKey },
            DeliverEventsInline = deliverEventsInline,
            ReceiveSpinLimit = spin ? new ResponsesClientOptions().ReceiveSpinLimit : TimeSpan.Zero,
        });
    }

    public async Task InitializeAsync()
    {
        // The first turn opens the WebSocket (or the pooled HTTP connection). A refused upgrade would
        // silently continue over HTTP and measure the wrong transport, so check.
        await RunTurnAsync().ConfigureAwait(false);
        if (_client.ActiveTransport != _transport)
        {
            throw new InvalidOperationException($"Tandem runs over {_client.ActiveTransport}, not {_transport}.");
        }
    }

    public async Task<int> RunTurnAsync()
    {
        var count = 0;
        ResponseStreamEvent? last = null;
        await foreach (var evt in _client.StreamAsync(TurnRequests.Create(_history?.Items)).ConfigureAwait(false))
        {
            count++;
            last = evt;
        }

        return last?.Type == ResponseEventTypes.Completed
            ? count
            : throw new InvalidOperationException($"The turn ended with {last?.Type ?? "no event"}, not response.completed.");
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
