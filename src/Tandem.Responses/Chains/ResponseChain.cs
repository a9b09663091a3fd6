using System.Runtime.CompilerServices;
using Tandem.Responses.Protocol;

namespace Tandem.Responses.Chains;

/// <summary>
/// An agent's conversation: the full local item log, continued each turn with
/// <c>previous_response_id</c> and only the new items, the template's <c>instructions</c> and tools
/// resent every turn (they are not inherited), and output items kept verbatim (<c>phase</c>, reasoning
/// <c>encrypted_content</c> from the final response). When the server-side state is gone —
/// <c>previous_response_not_found</c>, a new connection under <c>store:false</c>, a rotation — the
/// chain replays its full context once as a new chain and carries on: a
/// <see cref="ChainReplayedEvent"/> in the stream and a metric, never a failure. One turn at a time.
/// A compaction item in an output (server-side <c>context_management</c>) stands for everything before
/// it, so a replay starts there; <see cref="Restart"/> starts a new server chain from a summary
/// (client-side compaction). <see cref="Items"/> keeps the whole log either way.
/// </summary>
public sealed class ResponseChain
{
    private const string IncludeEncryptedReasoning = "reasoning.encrypted_content";
    private readonly ResponsesClient _client;
    private readonly ResponseCreateRequest _template;
    private readonly List<ResponseItem> _items;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _acknowledged;
    private int _contextStart;
    private long _generation;

    internal ResponseChain(ResponsesClient client, ResponseCreateRequest template, string? lane)
        : this(client, template, lane, [], null, 0, 0)
    {
    }

    private ResponseChain(ResponsesClient client, ResponseCreateRequest template, string? lane, List<ResponseItem> items, string? lastId, int acknowledged, long generation)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.Input is not null || template.PreviousResponseId is not null)
        {
            throw new ArgumentException("The chain template sets the model, instructions and tools; items go through SendAsync and the chain manages previous_response_id.", nameof(template));
        }

        _client = client;
        _template = template;
        Lane = lane;
        _items = items;
        LastResponseId = lastId;
        _acknowledged = acknowledged;
        _generation = generation;
    }

    internal static ResponseChain Restore(ResponsesClient client, ResponseCreateRequest template, string? lane, List<ResponseItem> items, string? lastId, int acknowledged, int contextStart = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(acknowledged, items.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(contextStart, items.Count);
        var chain = new ResponseChain(client, template, lane, items, lastId, acknowledged, generation: long.MinValue); // no live connection holds it
        chain._contextStart = contextStart >= 0 ? contextStart : Math.Max(0, items.FindLastIndex(i => i is CompactionItem));
        return chain;
    }

    /// <summary>Every item of the conversation, input and output, in order.</summary>
    public IReadOnlyList<ResponseItem> Items => _items;

    /// <summary>
    /// Where the context the model reads begins in <see cref="Items"/>: 0, the latest compaction item,
    /// or the first item after a <see cref="Restart"/>. A replay sends <see cref="Items"/> from here.
    /// </summary>
    public int ContextStart => _contextStart;

    /// <summary>The id the next turn continues from; <see langword="null"/> before the first turn.</summary>
    public string? LastResponseId { get; private set; }

    /// <summary>The lane (<c>stream_id</c>) this chain's turns use in multi-lane WebSocket mode.</summary>
    public string? Lane { get; }

    /// <summary>How often the chain healed itself by replaying its full context.</summary>
    public int Replays { get; private set; }

    /// <summary>The last completed response.</summary>
    public ResponseObject? LastResponse { get; private set; }

    /// <summary>When true, a turn that fails after it started streaming may run again (see <see cref="ResponseCallOptions.ReplaySafe"/>).</summary>
    public bool ReplaySafe { get; init; }

    private bool StoreFalse => _template.Store == false;

    /// <summary>A copy of this conversation on another lane: both continue from the same response (the server shares the parent).</summary>
    public ResponseChain Fork(string? lane) =>
        new(_client, _template, lane, [.. _items], LastResponseId, _acknowledged, _generation) { ReplaySafe = ReplaySafe, _contextStart = _contextStart };

    /// <summary>
    /// Client-side compaction: the next turn starts a new server chain (no <c>previous_response_id</c>)
    /// whose context is only what is sent from now on — typically a summary of everything so far.
    /// Between turns only.
    /// </summary>
    public void Restart()
    {
        _contextStart = _items.Count;
        _acknowledged = _items.Count;
        LastResponseId = null;
    }

    /// <summary>Changes the request every later turn is built from (e.g. drops a parameter the server refused). Between turns only.</summary>
    public void Configure(Action<ResponseCreateRequest> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        change(_template);
    }

    /// <summary>Sends <paramref name="newItems"/> and streams the turn; the output joins the log when the turn completes.</summary>
    public async IAsyncEnumerable<ResponseStreamEvent> SendAsync(IEnumerable<ResponseItem> newItems, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newItems);
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _items.AddRange(newItems);
            var replayReason = LastResponseId is not null && StoreFalse && _client.ConnectionGeneration != _generation
                ? "connection_changed" // a store:false chain lives only in the connection that served it
                : null;

            for (var attempt = 0; ; attempt++)
            {
                var replay = replayReason is not null;
                if (replay)
                {
                    Replays++;
                    _client.OnChainReplayed(Lane, _items.Count - _contextStart, replayReason!);
                    yield return new ChainReplayedEvent(replayReason!, _items.Count - _contextStart);
                }

                var request = BuildRequest(replay);
                var generation = _client.ConnectionGeneration;
                var streamed = false;
                ResponsesException? failure = null;
                await using (var events = _client.StreamAsync(request, new ResponseCallOptions { Lane = Lane, ReplaySafe = ReplaySafe }, cancellationToken).GetAsyncEnumerator(cancellationToken))
                {
                    while (true)
                    {
                        try
                        {
                            if (!await events.MoveNextAsync().ConfigureAwait(false))
                            {
                                break;
                            }
                        }
                        catch (ResponsesException ex) when (!streamed && attempt == 0 && CanHeal(ex))
                        {
                            failure = ex;
                            break;
                        }

                        var evt = events.Current;
                        streamed |= evt.Type is not (ResponseEventTypes.Created or ResponseEventTypes.InProgress or ResponseEventTypes.Queued)
                            && evt is not ResponseStreamEventBase;
                        if (evt is ResponseLifecycleEvent { Type: ResponseEventTypes.Completed or ResponseEventTypes.Incomplete } done)
                        {
                            Complete(done.Response, generation);
                        }

                        yield return evt;
                    }
                }

                if (failure is null)
                {
                    yield break;
                }

                replayReason = failure.IsPreviousResponseNotFound ? "previous_response_not_found" : "connection_lost";
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Sends <paramref name="newItems"/> and returns the completed response.</summary>
    public async Task<ResponseObject> SendAndWaitAsync(IEnumerable<ResponseItem> newItems, CancellationToken cancellationToken = default)
    {
        ResponseObject? final = null;
        await foreach (var evt in SendAsync(newItems, cancellationToken).ConfigureAwait(false))
        {
            if (evt is ResponseLifecycleEvent { IsTerminal: true } terminal)
            {
                final = terminal.Response;
            }
        }

        return final ?? throw new ResponsesConnectionException("The turn ended without a response.");
    }

    /// <summary>
    /// Heal what the server lost, not what the caller did wrong: a missing previous response, or a
    /// connection that failed before the turn began streaming (the client's own retries are spent).
    /// A chain that has not started yet has nothing to replay.
    /// </summary>
    private bool CanHeal(ResponsesException ex) =>
        LastResponseId is not null && (ex.IsPreviousResponseNotFound || ex is ResponsesConnectionException);

    private ResponseCreateRequest BuildRequest(bool replay)
    {
        var request = _template.Clone();
        if (StoreFalse)
        {
            // store:false chains need the reasoning items' encrypted content to be replayable.
            var include = request.Include is null ? new List<string>() : [.. request.Include];
            if (!include.Contains(IncludeEncryptedReasoning))
            {
                include.Add(IncludeEncryptedReasoning);
            }

            request.Include = include;
        }

        if (replay || LastResponseId is null)
        {
            request.PreviousResponseId = null;
            request.Input = new ResponseInput(_items.GetRange(_contextStart, _items.Count - _contextStart));
        }
        else
        {
            request.PreviousResponseId = LastResponseId;
            request.Input = new ResponseInput(_items.GetRange(_acknowledged, _items.Count - _acknowledged));
        }

        return request;
    }

    private void Complete(ResponseObject response, long generation)
    {
        // The final response's items, not the streamed ones: reasoning may be re-encrypted at the end.
        var compaction = response.Output.FindLastIndex(i => i is CompactionItem);
        if (compaction >= 0)
        {
            _contextStart = _items.Count + compaction; // it carries everything before it
        }

        _items.AddRange(response.Output);
        _acknowledged = _items.Count;
        LastResponseId = response.Id;
        LastResponse = response;
        _generation = generation == _client.ConnectionGeneration ? generation : _client.ConnectionGeneration;
    }
}
