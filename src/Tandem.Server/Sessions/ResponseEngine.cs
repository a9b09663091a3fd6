using Microsoft.Extensions.Logging;
using Tandem.Responses.Protocol;
using Tandem.Server.Backends;
using Tandem.Server.Operations;

namespace Tandem.Server.Sessions;

/// <summary>
/// Turns a request into a response for either transport: validation, context resolution
/// (connection cache, then store), the model backend, then a rendered event stream
/// (<see cref="StreamAsync"/>, in ResponseEngine.Stream.cs) with profile timing, usage and storage.
/// </summary>
internal sealed partial class ResponseEngine
{
    private readonly IResponseStore _store;
    private readonly IReadOnlyList<IModelBackend> _backends;
    private readonly LatencyProfile _profile;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly bool _logRequests;
    private readonly int _contextWindow;
    private readonly bool _compaction;
    private readonly Action<ServedResponse>? _observer;

    public ResponseEngine(IResponseStore store, IReadOnlyList<IModelBackend> backends, LatencyProfile profile, TimeProvider time, ILogger logger, bool logRequests, int contextWindow, bool compaction, Action<ServedResponse>? observer = null)
    {
        _observer = observer;
        _contextWindow = contextWindow;
        _compaction = compaction;
        _store = store;
        _backends = backends;
        _profile = profile;
        _time = time;
        _logger = logger;
        _logRequests = logRequests;
    }

    public IResponseStore Store => _store;

    public LatencyProfile Profile => _profile;

    /// <summary>Validates and plans a response; throws <see cref="ProtocolException"/> before anything is sent or changed.</summary>
    public async ValueTask<PreparedResponse> PrepareAsync(ResponseCreateRequest request, RequestContext origin, DeadlineClock clock, CancellationToken cancellationToken)
    {
        RequestValidator.Validate(request, origin.Transport);
        var compactThreshold = RequestValidator.CompactionThreshold(request, _compaction, defaultThreshold: _contextWindow / 5 * 4);
        var input = ItemNormalizer.NormalizeInput(request.Input?.AsItems() ?? []);

        IReadOnlyList<ResponseItem> prior = [];
        IReadOnlyList<string> pending = [];
        var cachedTokens = 0;
        var loadedItems = 0;
        if (request.PreviousResponseId is { } previousId)
        {
            if (origin.Cache?.Find(previousId) is { } hit)
            {
                prior = hit.Context;
                pending = hit.PendingCallIds;
                cachedTokens = hit.ContextTokens;
            }
            else
            {
                var chain = await LoadChainAsync(previousId, origin.Owner, cancellationToken).ConfigureAwait(false)
                    ?? throw ProtocolException.PreviousResponseNotFound(previousId);
                prior = chain.Context;
                pending = chain.Pending;
                loadedItems = chain.Context.Count;
            }
        }

        CheckToolOutputs(prior, input, pending);
        CheckCompactions(input);
        var context = new List<ResponseItem>(prior.Count + input.Count);
        context.AddRange(prior);
        context.AddRange(input);

        // Items before the latest compaction are carried by it: the model reads from there on (the
        // client may keep sending them; only the compaction's own size counts).
        IReadOnlyList<ResponseItem> read = input;
        if (context.FindLastIndex(i => i is CompactionItem) is var latest and > 0)
        {
            read = latest >= prior.Count ? input.Skip(latest - prior.Count).ToList() : input;
            prior = latest >= prior.Count ? [] : prior.Skip(latest).ToList();
            context.RemoveRange(0, latest);
            cachedTokens = 0; // the prefix the cache held is not the prefix read now
        }

        ModelTurn turn;
        if (request.Generate == false)
        {
            turn = new ModelTurn();
        }
        else
        {
            var modelRequest = new ModelRequest { Request = request, Context = context, NewInput = input };
            var backend = _backends.First(b => b.CanServe(modelRequest));
            turn = await backend.GenerateAsync(modelRequest, cancellationToken).ConfigureAwait(false);
        }

        // The cache already knows its context's size; only what it did not hold is tokenised again.
        var priorTokens = cachedTokens > 0 ? cachedTokens : TokenCounter.Count(prior);
        var inputTokens = TokenCounter.Count(request.Instructions) + priorTokens + TokenCounter.Count(read);
        if (request.Tools is { } tools)
        {
            inputTokens += tools.Sum(TokenCounter.Count);
        }

        if (inputTokens > _contextWindow)
        {
            throw ProtocolException.BadRequest(
                "Your input exceeds the context window of this model. Please adjust your input and try again.",
                ErrorCodes.ContextLengthExceeded,
                "input");
        }

        var output = ItemNormalizer.NormalizeOutput(turn.Output);
        if (compactThreshold is { } threshold && inputTokens >= threshold && request.Generate != false)
        {
            // Server-side compaction: the turn's output starts with one opaque item standing for the
            // whole context it read, so the next turn's context is that item and what follows it.
            var state = new CompactionCodec.State(
                ConversationShape.CompactedModelTurns(context) + ConversationShape.CountModelTurns(context),
                context.Count,
                CompactionCodec.SummaryTokens(inputTokens));
            output = [new CompactionItem { Id = IdGenerator.Compaction(), EncryptedContent = CompactionCodec.Encode(state) }, .. output];
        }

        return new PreparedResponse
        {
            Request = request,
            Origin = origin,
            Clock = clock,
            Id = IdGenerator.Response(),
            CreatedAt = _time.GetUtcNow().ToUnixTimeSeconds(),
            PriorContext = prior,
            Input = input,
            Output = output,
            InputTokens = inputTokens,
            CachedTokens = Math.Min(cachedTokens, inputTokens),
            ReasoningTokens = turn.ReasoningTokens,
            LoadedItems = loadedItems,
        };
    }

    /// <summary>Runs a prepared response to the end and returns the final object (non-streaming HTTP).</summary>
    public async ValueTask<ResponseObject> RunToCompletionAsync(PreparedResponse prepared, CancellationToken cancellationToken)
    {
        await foreach (var _ in StreamAsync(prepared, cancellationToken).ConfigureAwait(false))
        {
        }

        return prepared.Final!;
    }

    private async ValueTask<(List<ResponseItem> Context, List<string> Pending)?> LoadChainAsync(string id, string owner, CancellationToken cancellationToken)
    {
        var chain = new List<StoredResponse>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (string? next = id; next is not null;)
        {
            if (!seen.Add(next))
            {
                return null; // a cycle cannot be built through the API; treat a corrupt store as a miss
            }

            var stored = await _store.GetAsync(next, owner, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return null;
            }

            chain.Add(stored);
            next = stored.PreviousResponseId;
        }

        chain.Reverse();
        var context = new List<ResponseItem>();
        foreach (var r in chain)
        {
            context.AddRange(r.Input);
            context.AddRange(r.Response.Output);
        }

        var pending = chain[^1].Response.Output.OfType<FunctionCallItem>().Select(f => f.CallId).ToList();
        return (context, pending);
    }

    /// <summary>A compaction item sent back must be one this server made, unchanged (the service verifies its encryption).</summary>
    private static void CheckCompactions(IReadOnlyList<ResponseItem> input)
    {
        for (var i = 0; i < input.Count; i++)
        {
            if (input[i] is CompactionItem c && !CompactionCodec.TryDecode(c.EncryptedContent, out _))
            {
                throw ProtocolException.BadRequest(
                    $"The encrypted content for item {(string.IsNullOrEmpty(c.Id) ? $"input[{i}]" : c.Id)} could not be verified.",
                    ErrorCodes.InvalidEncryptedContent,
                    $"input[{i}].encrypted_content");
            }
        }
    }

    private static void CheckToolOutputs(IReadOnlyList<ResponseItem> prior, IReadOnlyList<ResponseItem> input, IReadOnlyList<string> pending)
    {
        foreach (var callId in pending)
        {
            if (!input.Any(i => i is FunctionCallOutputItem o && o.CallId == callId))
            {
                throw ProtocolException.BadRequest($"No tool output found for function call {callId}.", null, "input");
            }
        }

        foreach (var item in input)
        {
            if (item is FunctionCallOutputItem o
                && !prior.Any(p => p is FunctionCallItem f && f.CallId == o.CallId)
                && !input.Any(p => p is FunctionCallItem f && f.CallId == o.CallId))
            {
                throw ProtocolException.BadRequest($"No tool call found for function call output with call_id {o.CallId}.", null, "input");
            }
        }
    }
}
