namespace Tandem.Responses;

/// <summary>Per-call settings of <see cref="ResponsesClient.StreamAsync"/>.</summary>
public sealed class ResponseCallOptions
{
    /// <summary>WebSocket mode with <see cref="ResponsesClientOptions.MultiLane"/>: the lane (<c>stream_id</c>).</summary>
    public string? Lane { get; init; }

    /// <summary>
    /// May the turn run again after it already streamed output? Off by default: a turn is retried
    /// only while nothing of it has been seen. When on, a restart is announced with
    /// <see cref="TurnRestartedEvent"/> so the caller can discard the partial output.
    /// </summary>
    public bool ReplaySafe { get; init; }
}
