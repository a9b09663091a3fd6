using System.Text.Json.Serialization;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary>
/// The response object (<c>realtime.response</c>) of <c>response.created</c> (status
/// <c>in_progress</c>, no output yet) and <c>response.done</c> (status <c>completed</c>,
/// <c>cancelled</c>, <c>failed</c> or <c>incomplete</c>, all output items without audio bytes).
/// </summary>
public sealed record RealtimeResponse : RealtimeWireObject
{
    public const string ObjectName = "realtime.response";

    [JsonPropertyName("object")]
    [JsonPropertyOrder(-10)]
    public string? ObjectType { get; set; }

    [JsonPropertyOrder(-9)]
    public string? Id { get; set; }

    /// <summary><c>in_progress</c>, <c>completed</c>, <c>cancelled</c>, <c>failed</c> or <c>incomplete</c> (<see cref="RealtimeResponseStatus"/>).</summary>
    public string? Status { get; set; }

    public RealtimeResponseStatusDetails? StatusDetails { get; set; }

    public List<RealtimeConversationItem>? Output { get; set; }

    /// <summary>The conversation the output was added to; null for out-of-band responses (<c>conversation: "none"</c>).</summary>
    public string? ConversationId { get; set; }

    public List<string>? OutputModalities { get; set; }

    public RealtimeMaxOutputTokens? MaxOutputTokens { get; set; }

    public RealtimeAudioConfig? Audio { get; set; }

    public RealtimeUsage? Usage { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }
}
