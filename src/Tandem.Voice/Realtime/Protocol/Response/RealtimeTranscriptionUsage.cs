namespace Tandem.Voice.Realtime.Protocol;

/// <summary>Usage of an input transcription: <c>duration</c> (<c>seconds</c>) or <c>tokens</c>, billed at the ASR model's price.</summary>
public sealed record RealtimeTranscriptionUsage : RealtimeWireObject
{
    public string? Type { get; set; }

    public double? Seconds { get; set; }

    public int? TotalTokens { get; set; }

    public int? InputTokens { get; set; }

    public int? OutputTokens { get; set; }

    public RealtimeTokenDetails? InputTokenDetails { get; set; }
}
