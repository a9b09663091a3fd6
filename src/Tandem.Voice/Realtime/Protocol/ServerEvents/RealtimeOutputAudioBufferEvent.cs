namespace Tandem.Voice.Realtime.Protocol;

/// <summary>WebRTC/SIP output audio buffer events; they name the response whose audio it is.</summary>
public abstract record RealtimeOutputAudioBufferEvent : RealtimeServerEvent
{
    protected RealtimeOutputAudioBufferEvent(string type)
        : base(type)
    {
    }

    public string ResponseId { get; set; } = string.Empty;
}
