namespace Tandem.Voice.Realtime.Protocol;

/// <summary>A <c>function_call_output</c> item: the client's answer to the call <see cref="CallId"/> (free text, often JSON).</summary>
public sealed record RealtimeFunctionCallOutputItem : RealtimeConversationItem
{
    public RealtimeFunctionCallOutputItem()
        : base(RealtimeItemTypes.FunctionCallOutput)
    {
    }

    public string? CallId { get; set; }

    public string? Output { get; set; }

    public static RealtimeFunctionCallOutputItem Create(string callId, string output)
    {
        ArgumentException.ThrowIfNullOrEmpty(callId);
        ArgumentNullException.ThrowIfNull(output);
        return new RealtimeFunctionCallOutputItem { CallId = callId, Output = output };
    }
}
