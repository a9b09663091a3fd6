using System.Text.Json.Serialization;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary>An event about one content part of a response's output item (text, audio, transcript, parts).</summary>
public abstract record RealtimeResponseContentEvent : RealtimeServerEvent
{
    protected RealtimeResponseContentEvent(string type)
        : base(type)
    {
    }

    [JsonPropertyOrder(-90)]
    public string ResponseId { get; set; } = string.Empty;

    [JsonPropertyOrder(-89)]
    public string ItemId { get; set; } = string.Empty;

    [JsonPropertyOrder(-88)]
    public int OutputIndex { get; set; }

    [JsonPropertyOrder(-87)]
    public int ContentIndex { get; set; }
}
