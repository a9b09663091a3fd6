namespace Tandem.Voice.Realtime.Protocol;

/// <summary>A transcription token's log probability (with <c>include: ["item.input_audio_transcription.logprobs"]</c>).</summary>
public sealed record RealtimeLogProb : RealtimeWireObject
{
    public string? Token { get; set; }

    public double Logprob { get; set; }

    public List<int>? Bytes { get; set; }
}
