using Tandem.Responses.Protocol;
using Tandem.Server.Operations;

namespace Tandem.Server.Sessions;

/// <summary>A validated request with its resolved context and planned output, ready to stream.</summary>
internal sealed class PreparedResponse
{
    public required ResponseCreateRequest Request { get; init; }

    public required RequestContext Origin { get; init; }

    public required DeadlineClock Clock { get; init; }

    public required string Id { get; init; }

    public required long CreatedAt { get; init; }

    /// <summary>Everything before this request: the cached or loaded chain.</summary>
    public required IReadOnlyList<ResponseItem> PriorContext { get; init; }

    /// <summary>This request's input, normalised, with ids.</summary>
    public required IReadOnlyList<ResponseItem> Input { get; init; }

    public required IReadOnlyList<ResponseItem> Output { get; init; }

    public required int InputTokens { get; init; }

    public required int CachedTokens { get; init; }

    public required int ReasoningTokens { get; init; }

    /// <summary>Items loaded from the store to continue the chain (0 on a connection-cache hit).</summary>
    public required int LoadedItems { get; init; }

    public bool Store => Request.Store != false;

    public bool IsWarmup => Request.Generate == false;

    /// <summary>Set when the stream completes: what the connection cache keeps for this response.</summary>
    public CachedResponse? Completed { get; set; }

    /// <summary>The final response object, once completed.</summary>
    public ResponseObject? Final { get; set; }
}
