namespace Tandem.Responses;

/// <summary>
/// What <see cref="ResponseEventReader"/> passed over while reading: the parts of the input that are
/// not events but that someone inspecting a recording wants to know about.
/// </summary>
public sealed class ResponseEventReadStats
{
    /// <summary>Lines read so far.</summary>
    public int Lines { get; internal set; }

    /// <summary>SSE <c>data: [DONE]</c> sentinels skipped (some proxies and test harnesses append one).</summary>
    public int DoneMarkers { get; internal set; }

    /// <summary>JSON Lines frames with <c>"direction":"client"</c>, skipped: they are requests, not events.</summary>
    public int ClientFrames { get; internal set; }

    /// <summary>
    /// SSE: the first line of an event the input ended inside (no blank line after it). An SSE client
    /// discards such an event, so it is not among the events read; this says it was there.
    /// </summary>
    public int? UnterminatedEventLine { get; internal set; }
}
