namespace Tandem.Voice.Realtime.Protocol;

/// <summary>
/// <c>status_details</c>: <c>type</c> (the status), <c>reason</c> (<c>turn_detected</c>,
/// <c>client_cancelled</c>, <c>max_output_tokens</c>, <c>content_filter</c>) and, for failures, <c>error</c>.
/// </summary>
public sealed record RealtimeResponseStatusDetails : RealtimeWireObject
{
    public string? Type { get; set; }

    public string? Reason { get; set; }

    public RealtimeErrorDetail? Error { get; set; }
}
