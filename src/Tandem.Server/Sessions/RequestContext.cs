namespace Tandem.Server.Sessions;

/// <summary>Who asked, over what, and (WebSocket) from which lane of which connection.</summary>
internal sealed class RequestContext
{
    public required Transport Transport { get; init; }

    /// <summary>The key owner (a hash of the key, never the key).</summary>
    public required string Owner { get; init; }

    /// <summary>The connection cache; <see langword="null"/> over HTTP.</summary>
    public LaneCache? Cache { get; init; }

    /// <summary>The lane (<c>stream_id</c>, or empty for the default lane).</summary>
    public string Lane { get; init; } = string.Empty;

    public string RequestId { get; init; } = string.Empty;
}
