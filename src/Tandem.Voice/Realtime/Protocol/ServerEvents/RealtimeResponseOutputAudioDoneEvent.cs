namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>response.output_audio.done</c>: The output audio of a part is complete.</summary>
public sealed record RealtimeResponseOutputAudioDoneEvent : RealtimeResponseContentEvent
{
    public RealtimeResponseOutputAudioDoneEvent()
        : base(RealtimeServerEventTypes.ResponseOutputAudioDone)
    {
    }
}
