namespace Tandem.Voice.Realtime.Protocol;

/// <summary>A <c>function_call</c> item: the model asks the client to call <see cref="Name"/> with <see cref="Arguments"/> (a JSON string).</summary>
public sealed record RealtimeFunctionCallItem : RealtimeConversationItem
{
    public RealtimeFunctionCallItem()
        : base(RealtimeItemTypes.FunctionCall)
    {
    }

    public string? Name { get; set; }

    public string? CallId { get; set; }

    public string? Arguments { get; set; }
}
