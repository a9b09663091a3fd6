namespace Tandem.Voice.Realtime.Protocol;

/// <summary>
/// An error: <c>type</c> (e.g. <c>invalid_request_error</c>, <c>server_error</c>), <c>code</c>,
/// <c>message</c>, <c>param</c> and the <c>event_id</c> of the client event that caused it.
/// </summary>
public sealed record RealtimeErrorDetail : RealtimeWireObject
{
    public string? Type { get; set; }

    public string? Code { get; set; }

    public string? Message { get; set; }

    public string? Param { get; set; }

    /// <summary>The client event this error answers, when it answers one.</summary>
    public string? EventId { get; set; }
}
